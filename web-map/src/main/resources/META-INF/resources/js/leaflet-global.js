// Leaflet as an ES module. The page loads Leaflet's UMD build (and its plugins, which extend the
// global L) with classic <script> tags; modules import it from here through the import map.
const L = window.L;
export default L;
