package org.wangge.area;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.security.CurrentUser;
import org.wangge.security.Jurisdiction;
import org.wangge.spatial.Feature;
import org.wangge.spatial.FeatureCollection;
import org.wangge.team.TeamMember;
import org.wangge.team.TeamService;
import org.wangge.web.Bbox;
import org.wangge.web.InvalidInputException;

/** {@code /api/areas} (the tree as GeoJSON) and {@code /api/locate} (point → grid → team). */
@RestController
class AreaController {

  /** How far from a point outside every grid the nearest grid is looked for, in metres. */
  private static final double NEAREST_SEARCH_METRES = 5_000;

  private final AreaService areas;
  private final GridLocator locator;
  private final TeamService teams;
  private final CurrentUser currentUser;
  private final BoundaryVersions versions;

  AreaController(
      AreaService areas, GridLocator locator, TeamService teams, CurrentUser currentUser, BoundaryVersions versions) {
    this.areas = areas;
    this.versions = versions;
    this.locator = locator;
    this.teams = teams;
    this.currentUser = currentUser;
  }

  /**
   * Properties of an area feature. {@code memberCount}: team members serving grids inside it. An
   * area above the caller's jurisdiction (shown for context) has no figures: they are {@code null}.
   */
  record AreaProperties(
      String code,
      String name,
      AreaLevel level,
      String parentCode,
      Integer households,
      Integer residents,
      Integer memberCount) {}

  @GetMapping(
      path = "/api/areas",
      produces = {FeatureCollection.MEDIA_TYPE, "application/json"})
  FeatureCollection<AreaProperties> areas(
      @RequestParam(defaultValue = "GRID") AreaLevel level,
      @RequestParam(required = false) String bbox) {
    Jurisdiction j = currentUser.require();
    List<AreaShape> shapes;
    if (bbox == null) {
      shapes = areas.currentShapes(level, j);
    } else {
      double[] box = Bbox.parse(bbox);
      shapes = areas.currentShapes(level, j, box[0], box[1], box[2], box[3]);
    }
    var memberCounts = new MemberCounts(teams.memberCountsByGrid());
    return FeatureCollection.of(
        shapes.stream()
            .map(
                s ->
                    Feature.of(
                        s.area().code(),
                        s.boundary(),
                        j.covers(s.area().code())
                            ? new AreaProperties(
                                s.area().code(),
                                s.area().name(),
                                s.area().level(),
                                s.area().parentCode(),
                                s.area().households(),
                                s.area().residents(),
                                memberCounts.inside(s.area().code()))
                            : new AreaProperties(
                                s.area().code(),
                                s.area().name(),
                                s.area().level(),
                                s.area().parentCode(),
                                null,
                                null,
                                null)))
            .toList());
  }

  /** One area: its parent chain (city first), its children's count and, for a grid, its team. */
  record AreaDetail(
      String code,
      String name,
      AreaLevel level,
      String parentCode,
      int version,
      java.time.Instant validFrom,
      int households,
      int residents,
      double[] bbox,
      List<AreaRef> parents,
      long childCount,
      int memberCount,
      List<TeamMember> team) {}

  record AreaRef(String code, String name, AreaLevel level) {
    static AreaRef of(AreaView view) {
      return view == null ? null : new AreaRef(view.code(), view.name(), view.level());
    }
  }

  @GetMapping("/api/areas/{code}")
  ResponseEntity<?> area(@PathVariable String code) {
    if (!code.matches("\\d{4}|\\d{6}|\\d{9}|\\d{12}|\\d{15}")) {
      throw new InvalidInputException(
          "code", "must be an area code of 4, 6, 9, 12 or 15 digits, got '" + code + "'");
    }
    Jurisdiction j = currentUser.require();
    // Outside the jurisdiction answers exactly like a code that does not exist.
    List<AreaView> chain = j.covers(code) ? areas.chain(code) : List.of();
    if (chain.isEmpty()) {
      return notFound("No current area has code " + code + " in your jurisdiction.");
    }
    AreaView area = chain.getLast();
    List<TeamMember> team = area.level() == AreaLevel.GRID ? teams.teamOf(code) : List.of();
    var memberCounts = new MemberCounts(teams.memberCountsByGrid());
    return ResponseEntity.ok(
        new AreaDetail(
            area.code(),
            area.name(),
            area.level(),
            area.parentCode(),
            area.version(),
            area.validFrom(),
            area.households(),
            area.residents(),
            area.bbox(),
            chain.subList(0, chain.size() - 1).stream().map(AreaRef::of).toList(),
            areas.childCount(code),
            memberCounts.inside(code),
            team));
  }

  /**
   * Every boundary version of an area code, oldest first (issue 7's history): {@code [{"id",
   * "code", "version", "name", "validFrom", "validTo", "households"}]}. Unknown or outside the
   * jurisdiction: 404.
   */
  @GetMapping("/api/areas/{code}/versions")
  ResponseEntity<?> versions(@PathVariable String code) {
    if (!code.matches("\\d{4}|\\d{6}|\\d{9}|\\d{12}|\\d{15}")) {
      throw new InvalidInputException(
          "code", "must be an area code of 4, 6, 9, 12 or 15 digits, got '" + code + "'");
    }
    Jurisdiction j = currentUser.require();
    List<BoundaryVersions.VersionView> all = j.covers(code) ? versions.versions(code) : List.of();
    if (all.isEmpty()) {
      return notFound("No area has code " + code + " in your jurisdiction.");
    }
    return ResponseEntity.ok(all);
  }

  /** The grid under a point, with the areas above it and its team. */
  record Location(
      double lon,
      double lat,
      GridRef grid,
      boolean onBoundary,
      int coveringGrids,
      String rule,
      AreaRef community,
      AreaRef street,
      AreaRef district,
      AreaRef city,
      List<TeamMember> team) {}

  record GridRef(long id, String code, String name, int version, int households, int residents) {}

  @GetMapping("/api/locate")
  ResponseEntity<?> locate(@RequestParam double lon, @RequestParam double lat) {
    if (!Double.isFinite(lon) || Math.abs(lon) > 180) {
      throw new InvalidInputException("lon", "must be a longitude between -180 and 180, got " + lon);
    }
    if (!Double.isFinite(lat) || Math.abs(lat) > 90) {
      throw new InvalidInputException("lat", "must be a latitude between -90 and 90, got " + lat);
    }
    Jurisdiction j = currentUser.require();
    GridLocator.Snapshot boundaries = locator.snapshot(); // one set of boundaries for the answer
    var match = boundaries.locate(lon, lat);
    if (match.isPresent() && !j.covers(match.get().code())) {
      var problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.NOT_FOUND, "No grid of your jurisdiction covers (" + lon + ", " + lat + ").");
      problem.setTitle("Outside your jurisdiction");
      problem.setProperty("lon", lon);
      problem.setProperty("lat", lat);
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }
    if (match.isEmpty()) {
      return outside(boundaries, lon, lat, j);
    }
    GridMatch grid = match.get();
    List<AreaView> chain = areas.chain(grid.code());
    Map<AreaLevel, AreaView> byLevel = new java.util.EnumMap<>(AreaLevel.class);
    chain.forEach(a -> byLevel.put(a.level(), a));
    AreaView gridView = byLevel.get(AreaLevel.GRID);
    String rule =
        grid.coveringGrids() > 1
            ? "on the shared boundary of "
                + grid.coveringGrids()
                + " grids: the lowest grid code wins"
            : grid.onBoundary() ? "on the grid's outer boundary" : "inside the grid";
    return ResponseEntity.ok(
        new Location(
            lon,
            lat,
            new GridRef(
                grid.id(),
                grid.code(),
                gridView == null ? null : gridView.name(),
                grid.version(),
                gridView == null ? 0 : gridView.households(),
                gridView == null ? 0 : gridView.residents()),
            grid.onBoundary(),
            grid.coveringGrids(),
            rule,
            AreaRef.of(byLevel.get(AreaLevel.COMMUNITY)),
            AreaRef.of(byLevel.get(AreaLevel.STREET)),
            AreaRef.of(byLevel.get(AreaLevel.DISTRICT)),
            AreaRef.of(byLevel.get(AreaLevel.CITY)),
            teams.teamOf(grid.code())));
  }

  private ResponseEntity<ProblemDetail> outside(GridLocator.Snapshot boundaries, double lon, double lat, Jurisdiction j) {
    var nearest = boundaries.nearest(lon, lat, NEAREST_SEARCH_METRES).filter(n -> j.covers(n.code()));
    String detail =
        "No grid covers (" + lon + ", " + lat + "): the point lies outside every grid."
            + nearest
                .map(
                    n ->
                        " The nearest grid is "
                            + n.code()
                            + ", "
                            + Math.round(n.distanceMetres())
                            + " m away.")
                .orElse(" No grid lies within " + (int) NEAREST_SEARCH_METRES + " m.");
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
    problem.setTitle("Outside every grid");
    problem.setProperty("lon", lon);
    problem.setProperty("lat", lat);
    nearest.ifPresent(
        n -> {
          problem.setProperty("nearestGrid", n.code());
          problem.setProperty("distanceMetres", Math.round(n.distanceMetres() * 10) / 10.0);
        });
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
  }

  private static ResponseEntity<ProblemDetail> notFound(String detail) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
    problem.setTitle("Not found");
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
  }

  /** Member counts per grid code, summed over code prefixes for the levels above. */
  private record MemberCounts(NavigableMap<String, Integer> byGrid) {
    int inside(String areaCode) {
      // Grid codes start with the codes of every area above them.
      return byGrid.subMap(areaCode, true, areaCode + Character.MAX_VALUE, false).values().stream()
          .mapToInt(Integer::intValue)
          .sum();
    }
  }
}
