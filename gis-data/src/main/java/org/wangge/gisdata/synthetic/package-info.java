/**
 * The deterministic synthetic-city generator: a plausible Chinese prefecture-level city (新余市,
 * Jiangxi) with its area tree (city, districts, streets, communities, grids), standard addresses,
 * grid teams, departments, the category tree and 90 days of incidents, all as {@link
 * org.wangge.gisdata.model.City} records.
 *
 * <p>The public face is {@link org.wangge.gisdata.synthetic.SyntheticCityGenerator#generate} with a
 * {@link org.wangge.gisdata.synthetic.CitySpec}; everything else in this package is internal. The
 * same spec always gives an identical city, and every generated area tree passes the package's own
 * coverage check (children tile their parent exactly, no gaps, no overlaps) or the generator throws
 * {@link org.wangge.gisdata.synthetic.CityCoverageException}.
 */
package org.wangge.gisdata.synthetic;
