package org.wangge.exchange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.wangge.gisdata.crs.Crs;
import org.wangge.gisdata.io.Field;
import org.wangge.gisdata.io.FileFormat;
import org.wangge.gisdata.io.GeometryColumns;
import org.wangge.gisdata.io.LayerInfo;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.security.Jurisdiction;
import org.wangge.security.Role;
import org.wangge.web.InvalidInputException;

/**
 * A {@link DryRunRequest} checked against the upload's layers and the caller's role: every bad
 * value is an {@link InvalidInputException} naming its field path ({@code layers[0].mapping.code}).
 */
record ImportPlan(List<Layer> layers, boolean repair, OnExisting onExisting) {

  enum Kind { AREA, ADDRESS, MEMBER, INCIDENT }

  enum OnExisting { REFUSE, SKIP, NEW_VERSION }

  /** One checked layer request. */
  record Layer(int index, String name, Kind kind, AreaLevel level, Crs crs, GeometryColumns columns, Map<String, String> mapping) {

    String field(String key) {
      return mapping.get(key);
    }
  }

  /** Mapping keys by kind; the required ones first, as listed in the contract. */
  static final Map<Kind, List<String>> REQUIRED =
      Map.of(
          Kind.AREA, List.of("code", "name", "parentCode"),
          Kind.ADDRESS, List.of("code", "fullText"),
          Kind.MEMBER, List.of("code", "name", "role", "gridCodes"),
          Kind.INCIDENT, List.of("number", "categoryCode", "reportedAt"));

  static final Map<Kind, List<String>> OPTIONAL =
      Map.of(
          Kind.AREA, List.of("households", "residents"),
          Kind.ADDRESS, List.of("road", "number", "building", "unit", "households", "residents", "gridCode"),
          Kind.MEMBER, List.of("phone", "onDuty"),
          Kind.INCIDENT,
              List.of("status", "source", "risk", "description", "dueAt", "closedAt", "gridCode", "addressCode"));

  static ImportPlan of(DryRunRequest request, List<LayerInfo> infos, FileFormat format, Jurisdiction caller) {
    if (request == null) {
      throw new InvalidInputException("body", "is required: {\"layers\": [...], \"repair\": false, \"onExisting\": \"REFUSE\"}");
    }
    OnExisting onExisting = OnExisting.REFUSE;
    if (request.onExisting() != null && !request.onExisting().isBlank()) {
      try {
        onExisting = OnExisting.valueOf(request.onExisting().trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(
            "onExisting", "must be one of " + Arrays.toString(OnExisting.values()) + ", got '" + request.onExisting() + "'");
      }
    }
    if (request.layers() == null || request.layers().isEmpty()) {
      throw new InvalidInputException("layers", "must name at least one layer of the file: one of " + names(infos));
    }
    List<Layer> layers = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < request.layers().size(); i++) {
      DryRunRequest.LayerRequest r = request.layers().get(i);
      String at = "layers[" + i + "]";
      if (r == null) {
        throw new InvalidInputException(at, "is null; give {\"layer\": ..., \"kind\": ..., \"mapping\": {...}}");
      }
      LayerInfo info =
          infos.stream()
              .filter(l -> l.name().equals(r.layer()))
              .findFirst()
              .orElseThrow(() -> new InvalidInputException(at + ".layer", "must be one of " + names(infos) + ", got '" + r.layer() + "'"));
      if (!seen.add(info.name())) {
        throw new InvalidInputException(at + ".layer", "names the layer '" + info.name() + "' a second time; list each layer once");
      }
      Kind kind = parse(Kind.class, r.kind(), at + ".kind");
      if (caller.role() != Role.ADMIN && !(kind == Kind.AREA || kind == Kind.ADDRESS)) {
        throw new AccessDeniedException("A " + caller.role() + " may import areas and addresses only, not " + kind + "; ask an ADMIN.");
      }
      AreaLevel level = null;
      if (kind == Kind.AREA) {
        level = parse(AreaLevel.class, r.level(), at + ".level");
      }
      if (onExisting == OnExisting.NEW_VERSION && kind == Kind.INCIDENT) {
        throw new InvalidInputException(
            "onExisting", "NEW_VERSION is not allowed for incidents (" + at + "); use REFUSE or SKIP");
      }
      Crs crs = info.crs();
      if (r.crs() != null && !r.crs().isBlank()) {
        try {
          crs = Crs.parse(r.crs());
        } catch (IllegalArgumentException e) {
          throw new InvalidInputException(at + ".crs", e.getMessage());
        }
      }
      if (crs == null) {
        throw new InvalidInputException(
            at + ".crs",
            "is required: the layer '" + info.name() + "' does not say its coordinate system ("
                + (info.crsNote() == null ? "unknown" : info.crsNote())
                + "); choose one, e.g. EPSG:4326, EPSG:4490 or EPSG:4547");
      }
      Set<String> fieldNames = new HashSet<>();
      info.fields().forEach(f -> fieldNames.add(f.name()));
      GeometryColumns columns = null;
      if (r.columns() != null && format == FileFormat.CSV) {
        DryRunRequest.Columns c = r.columns();
        checkColumn(c.x(), fieldNames, at + ".columns.x", info);
        checkColumn(c.y(), fieldNames, at + ".columns.y", info);
        checkColumn(c.wkt(), fieldNames, at + ".columns.wkt", info);
        if ((c.x() == null) != (c.y() == null)) {
          throw new InvalidInputException(at + ".columns", "needs both x and y (or wkt alone)");
        }
        if (c.x() != null || c.wkt() != null) {
          columns = new GeometryColumns(c.x(), c.y(), c.wkt());
        }
      }
      Map<String, String> mapping = new LinkedHashMap<>();
      Map<String, String> given = r.mapping() == null ? Map.of() : r.mapping();
      List<String> allowed = new ArrayList<>(REQUIRED.get(kind));
      allowed.addAll(OPTIONAL.get(kind));
      for (var e : given.entrySet()) {
        String path = at + ".mapping." + e.getKey();
        if (!allowed.contains(e.getKey())) {
          throw new InvalidInputException(path, "is not a mapping key for " + kind + "; the keys are " + allowed);
        }
        if (e.getValue() == null || e.getValue().isBlank()) {
          continue;
        }
        if (!fieldNames.contains(e.getValue())) {
          throw new InvalidInputException(
              path, "names the field '" + e.getValue() + "', which the layer '" + info.name() + "' does not have; its fields are "
                  + info.fields().stream().map(Field::name).toList());
        }
        mapping.put(e.getKey(), e.getValue());
      }
      for (String key : REQUIRED.get(kind)) {
        if (key.equals("parentCode") && level == AreaLevel.CITY) {
          continue;
        }
        if (!mapping.containsKey(key)) {
          throw new InvalidInputException(
              at + ".mapping." + key, "is required for " + kind + ": name the field of '" + info.name() + "' that holds it");
        }
      }
      layers.add(new Layer(i, info.name(), kind, level, crs, columns, Map.copyOf(mapping)));
    }
    return new ImportPlan(List.copyOf(layers), Boolean.TRUE.equals(request.repair()), onExisting);
  }

  private static void checkColumn(String column, Set<String> fields, String path, LayerInfo info) {
    if (column != null && !fields.contains(column)) {
      throw new InvalidInputException(
          path, "names the column '" + column + "', which the layer '" + info.name() + "' does not have; its columns are " + fields);
    }
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(field, "is required: one of " + Arrays.toString(type.getEnumConstants()));
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          field, "must be one of " + Arrays.toString(type.getEnumConstants()) + ", got '" + value + "'");
    }
  }

  private static List<String> names(List<LayerInfo> infos) {
    return infos.stream().map(LayerInfo::name).toList();
  }
}
