package org.wangge.exchange;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wangge.address.AddressService;
import org.wangge.area.AreaService;
import org.wangge.gisdata.io.FeatureProducer;
import org.wangge.gisdata.io.Field;
import org.wangge.gisdata.io.FieldType;
import org.wangge.gisdata.io.GisFiles;
import org.wangge.gisdata.io.OutputLayer;
import org.wangge.gisdata.io.OutputSink;
import org.wangge.gisdata.io.WriteOptions;
import org.wangge.incident.IncidentService;
import org.wangge.incident.IncidentService.FeatureQuery;
import org.wangge.security.AuditLog;
import org.wangge.security.Jurisdiction;
import org.wangge.security.Role;
import org.wangge.spatial.Wgs84;
import org.wangge.team.TeamService;

/**
 * Writes an area's subtree as GIS files ({@code GET /api/exports}): each layer is streamed from an
 * open database cursor straight into {@link GisFiles#write}, so no layer is held in memory. Field
 * names follow the shared contract (at most 10 characters, for shapefiles); incidents carry no
 * reporter data, and member phones appear only for an ADMIN.
 */
@Service
class ExportService {

  static final List<Field> AREA_FIELDS =
      List.of(
          new Field("code", FieldType.TEXT),
          new Field("name", FieldType.TEXT),
          new Field("level", FieldType.TEXT),
          new Field("parent", FieldType.TEXT),
          new Field("households", FieldType.INTEGER),
          new Field("residents", FieldType.INTEGER),
          new Field("version", FieldType.INTEGER),
          new Field("valid_from", FieldType.DATETIME));
  static final List<Field> ADDRESS_FIELDS =
      List.of(
          new Field("code", FieldType.TEXT),
          new Field("address", FieldType.TEXT),
          new Field("road", FieldType.TEXT),
          new Field("number", FieldType.TEXT),
          new Field("building", FieldType.TEXT),
          new Field("unit", FieldType.TEXT),
          new Field("households", FieldType.INTEGER),
          new Field("residents", FieldType.INTEGER),
          new Field("grid", FieldType.TEXT));
  static final List<Field> INCIDENT_FIELDS =
      List.of(
          new Field("number", FieldType.TEXT),
          new Field("category", FieldType.TEXT),
          new Field("cat_name", FieldType.TEXT),
          new Field("source", FieldType.TEXT),
          new Field("risk", FieldType.TEXT),
          new Field("status", FieldType.TEXT),
          new Field("reported", FieldType.DATETIME),
          new Field("due", FieldType.DATETIME),
          new Field("closed", FieldType.DATETIME),
          new Field("grid", FieldType.TEXT),
          new Field("address", FieldType.TEXT));

  private final AreaService areas;
  private final AddressService addresses;
  private final IncidentService incidents;
  private final TeamService teams;
  private final AuditLog audit;

  ExportService(AreaService areas, AddressService addresses, IncidentService incidents, TeamService teams, AuditLog audit) {
    this.areas = areas;
    this.addresses = addresses;
    this.incidents = incidents;
    this.teams = teams;
    this.audit = audit;
  }

  /** Records who exported what, before the file is written. */
  @Transactional
  public void record(ExportRequest request) {
    Map<String, Object> what = new LinkedHashMap<>();
    what.put("area", request.area());
    what.put("layers", request.layers().stream().map(l -> l.layerName).toList());
    what.put("format", request.format().name());
    what.put("crs", request.crs().code());
    what.put("encoding", request.encoding().name());
    audit.change("EXPORTED", "area", request.area(), request.area(), null, what);
  }

  /** Writes the export to {@code out} (not closed). */
  void write(ExportRequest request, Jurisdiction jurisdiction, OutputStream out) throws IOException {
    List<OutputLayer> layers = new ArrayList<>();
    for (ExportLayer layer : request.layers()) {
      layers.add(layer(layer, request, jurisdiction));
    }
    GisFiles.write(request.format(), request.crs(), layers, out, new WriteOptions(request.encoding(), null));
  }

  private OutputLayer layer(ExportLayer layer, ExportRequest request, Jurisdiction j) {
    String area = request.area();
    if (layer.level != null) {
      return new OutputLayer(
          layer.layerName,
          "MultiPolygon",
          AREA_FIELDS,
          streamed(
              sink ->
                  areas.forEachCurrent(
                      layer.level,
                      j,
                      area,
                      null,
                      s -> {
                        var a = s.area();
                        put(
                            sink,
                            s.boundary(),
                            a.code(),
                            a.name(),
                            a.level().name(),
                            a.parentCode(),
                            (long) a.households(),
                            (long) a.residents(),
                            (long) a.version(),
                            a.validFrom());
                      })));
    }
    return switch (layer) {
      case ADDRESSES ->
          new OutputLayer(
              layer.layerName,
              "Point",
              ADDRESS_FIELDS,
              streamed(
                  sink ->
                      addresses.forEachFeature(
                          j,
                          area,
                          null,
                          a ->
                              put(
                                  sink,
                                  Wgs84.point(a.lon(), a.lat()),
                                  a.code(),
                                  a.fullText(),
                                  a.road(),
                                  a.number(),
                                  a.building(),
                                  a.unit(),
                                  (long) a.households(),
                                  (long) a.residents(),
                                  a.gridCode()))));
      case INCIDENTS ->
          new OutputLayer(
              layer.layerName,
              "Point",
              INCIDENT_FIELDS,
              streamed(
                  sink ->
                      incidents.forEachFeature(
                          j,
                          new FeatureQuery(area, null, request.from(), request.to() == null ? null : request.to().minusNanos(1000)),
                          i ->
                              put(
                                  sink,
                                  Wgs84.point(i.lon(), i.lat()),
                                  i.number(),
                                  i.categoryCode(),
                                  i.categoryName(),
                                  i.source(),
                                  i.risk(),
                                  i.status(),
                                  i.reportedAt(),
                                  i.dueAt(),
                                  i.closedAt(),
                                  i.gridCode(),
                                  i.addressCode()))));
      case MEMBERS -> members(area, j);
      default -> throw new IllegalStateException(layer.name());
    };
  }

  private OutputLayer members(String area, Jurisdiction j) {
    boolean phones = j.hasRole(Role.ADMIN);
    List<Field> fields = new ArrayList<>(
        List.of(
            new Field("code", FieldType.TEXT),
            new Field("name", FieldType.TEXT),
            new Field("role", FieldType.TEXT),
            new Field("grids", FieldType.TEXT),
            new Field("on_duty", FieldType.BOOLEAN)));
    if (phones) {
      fields.add(new Field("phone", FieldType.TEXT));
    }
    return new OutputLayer(
        ExportLayer.MEMBERS.layerName,
        "Point",
        List.copyOf(fields),
        streamed(
            sink ->
                teams.forEachMemberFeature(
                    area + "%",
                    phones,
                    m -> {
                      List<Object> values = new ArrayList<>(
                          Arrays.asList(m.code(), m.name(), m.role().name(), String.join(";", m.gridCodes()), m.onDuty()));
                      if (phones) {
                        values.add(m.phone());
                      }
                      try {
                        sink.accept(Double.isNaN(m.lon()) ? null : Wgs84.point(m.lon(), m.lat()), values);
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    })));
  }

  /** A producer whose reads report the sink's I/O failures as they are. */
  private static FeatureProducer streamed(FeatureProducer producer) {
    return sink -> {
      try {
        producer.produce(sink);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    };
  }

  private static void put(OutputSink sink, org.locationtech.jts.geom.Geometry geometry, Object... values) {
    try {
      sink.accept(geometry, Arrays.asList(values));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
