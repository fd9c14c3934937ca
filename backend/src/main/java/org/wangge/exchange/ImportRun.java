package org.wangge.exchange;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.wangge.area.AreaService;
import org.wangge.area.AreaShape;
import org.wangge.area.BoundaryVersions;
import org.wangge.area.GridLocator;
import org.wangge.area.GridShape;
import org.wangge.area.GridMatch;
import org.wangge.address.AddressService;
import org.wangge.coverage.CoverageCheck;
import org.wangge.coverage.CoverageProblem;
import org.wangge.coverage.CoverageReport;
import org.wangge.exchange.ImportPlan.Kind;
import org.wangge.exchange.ImportPlan.Layer;
import org.wangge.exchange.ImportPlan.OnExisting;
import org.wangge.gisdata.crs.Crs;
import org.wangge.gisdata.grid.GridIndex;
import org.wangge.gisdata.io.FeatureSource;
import org.wangge.gisdata.io.SourceFeature;
import org.wangge.gisdata.model.AddressRecord;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.gisdata.model.AreaRecord;
import org.wangge.gisdata.model.IncidentRecord;
import org.wangge.gisdata.model.IncidentSource;
import org.wangge.gisdata.model.IncidentStatus;
import org.wangge.gisdata.model.MemberRecord;
import org.wangge.gisdata.model.MemberRole;
import org.wangge.gisdata.model.Risk;
import org.wangge.incident.IncidentService;
import org.wangge.security.Jurisdiction;
import org.wangge.spatial.Wgs84;
import org.wangge.team.TeamService;

/**
 * One pass over an upload: reads the requested layers, maps each feature onto a gis-data model
 * record, checks it and — when {@code write} — writes what passes through the area, address, team
 * and incident services (the caller holds the one transaction and rolls it back when the pass ends
 * with a blocking problem). Areas (few) are held in memory, ordered by level; addresses stream in
 * batches (only their codes are kept, to find duplicates); members and incidents are held.
 * Not thread-safe: one run per thread.
 */
final class ImportRun {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ImportRun.class);

  /** The services a run reads and writes through. */
  record Services(
      AreaService areas, BoundaryVersions versions, GridLocator locator, AddressService addresses, TeamService teams,
      IncidentService incidents) {}

  /** A batch of addresses is checked against the database at once. */
  private static final int ADDRESS_BATCH = 2000;

  private static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");
  private static final List<Integer> CODE_LENGTHS = List.of(4, 6, 9, 12);

  private final ImportPlan plan;
  private final Jurisdiction caller;
  private final Services services;
  private final boolean write;
  private final ProgressSink progress;

  private final Map<String, Tally> tallies = new LinkedHashMap<>();
  private final List<DryRunReport.Problem> problems = new ArrayList<>();
  private long problemCount;
  private final Map<String, Long> blockingByKind = new TreeMap<>();
  private final Envelope extent = new Envelope();
  private final List<DryRunReport.CoverageItem> coverageItems = new ArrayList<>();
  private double coverageScore = 100;
  private long done;
  private final long total;

  /** The stored grids as the locator had them when the run began: one snapshot for the whole run. */
  private final GridLocator.Snapshot stored;

  /**
   * The result's grids (accepted imported grids and the stored ones they do not replace) in the one
   * grid index, or {@code null} when the upload brings no grid (then the stored snapshot answers).
   */
  private GridIndex<GridShape> resultGrids;

  private final Set<String> importedGridCodes = new HashSet<>();
  private final Set<String> importedAddressCodes = new HashSet<>();
  private final Set<String> recount = new TreeSet<>();
  private Set<String> categories;

  /** Written rows (write mode). */
  private long writtenAddresses;
  private long movedAddresses;

  interface ProgressSink {
    void progress(String phase, long done, long total);
  }

  ImportRun(ImportPlan plan, Jurisdiction caller, Services services, boolean write, long total, ProgressSink progress) {
    this.plan = plan;
    this.caller = caller;
    this.services = services;
    this.write = write;
    this.total = total;
    this.progress = progress;
    this.stored = services.locator().snapshot();
    for (Layer l : plan.layers()) {
      tallies.put(l.name(), new Tally(l));
    }
  }

  /** Whether any blocking problem was found so far. */
  boolean blocked() {
    return !blockingByKind.isEmpty();
  }

  /** Runs the checks (and the writes, in write mode) over the open source. */
  void run(FeatureSource source) throws IOException {
    long t0 = System.nanoTime();
    List<Layer> areaLayers =
        plan.layers().stream().filter(l -> l.kind() == Kind.AREA).sorted(Comparator.comparing(Layer::level)).toList();
    List<AreaCandidate> areas = readAreas(source, areaLayers);
    checkAreas(areas);
    if (write && !blocked()) {
      writeAreas(areas);
    }
    buildGridIndex(areas);
    regridStoredAddresses(areas);
    long t1 = System.nanoTime();
    for (Layer l : plan.layers()) {
      if (l.kind() == Kind.ADDRESS) {
        readAddresses(source, l);
      }
    }
    if (write && !blocked() && writtenAddresses > 0) {
      services.addresses().announceImported((int) Math.min(Integer.MAX_VALUE, writtenAddresses));
    }
    for (Layer l : plan.layers()) {
      if (l.kind() == Kind.MEMBER) {
        readMembers(source, l);
      }
    }
    for (Layer l : plan.layers()) {
      if (l.kind() == Kind.INCIDENT) {
        readIncidents(source, l);
      }
    }
    long t2 = System.nanoTime();
    if (write && !blocked() && !recount.isEmpty()) {
      progress.progress("WRITING", done, total);
      services.areas().recountHouseholds(recount);
    }
    log.info(
        "Import pass ({}): areas {} ms, points and the rest {} ms, households recount {} ms, {} features",
        write ? "commit" : "dry run", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000, done);
  }

  // --- areas -------------------------------------------------------------------------------------

  private static final class AreaCandidate {
    final Row row;
    final String code;
    final String name;
    final String parentCode;
    final MultiPolygon boundary;
    final Integer households;
    final Integer residents;
    boolean duplicate;
    boolean skip;
    boolean replaces;

    AreaCandidate(Row row, String code, String name, String parentCode, MultiPolygon boundary, Integer households, Integer residents) {
      this.row = row;
      this.code = code;
      this.name = name;
      this.parentCode = parentCode;
      this.boundary = boundary;
      this.households = households;
      this.residents = residents;
    }

    AreaLevel level() {
      return row.layer.level();
    }

    boolean accepted() {
      return !row.blocked && !skip && !duplicate;
    }
  }

  private List<AreaCandidate> readAreas(FeatureSource source, List<Layer> layers) throws IOException {
    List<AreaCandidate> all = new ArrayList<>();
    for (Layer layer : layers) {
      Tally tally = tallies.get(layer.name());
      source.read(
          layer.name(),
          layer.columns(),
          f -> {
            tick("READING");
            tally.features++;
            Row row = new Row(layer, f.row());
            String code = text(f, row, "code", 15);
            row.code = code;
            String name = text(f, row, "name", 100);
            String parent = layer.level() == AreaLevel.CITY ? null : text(f, row, "parentCode", 15);
            Integer households = count(f, row, "households");
            Integer residents = count(f, row, "residents");
            Geometry wgs84 = geometry(f, row, true);
            MultiPolygon boundary = wgs84 == null ? null : BoundaryVersions.asMulti(wgs84);
            if (parent != null && code != null && !code.startsWith(parent)) {
              row.problem("BAD_VALUE", true, "code",
                  "code " + code + " does not start with its parent's code " + parent
                      + "; codes nest (a child's code begins with its parent's), fix the code or the parent");
            }
            if (code != null && !caller.covers(code)) {
              row.problem("OUTSIDE_JURISDICTION", true, "code",
                  code + " lies outside your jurisdiction " + caller.areaCode() + "; remove the row or ask an ADMIN");
            }
            all.add(new AreaCandidate(row, code, name, parent, boundary, households, residents));
          });
    }
    return all;
  }

  private void checkAreas(List<AreaCandidate> areas) {
    if (areas.isEmpty()) {
      return;
    }
    progress.progress("CHECKING", done, total);
    Map<String, AreaCandidate> byCode = new HashMap<>();
    for (AreaCandidate a : areas) {
      if (a.code == null) {
        continue;
      }
      AreaCandidate first = byCode.putIfAbsent(a.code, a);
      if (first != null) {
        a.duplicate = true;
        tallies.get(a.row.layer.name()).duplicateInFile++;
        a.row.problem("DUPLICATE_CODE", true, "code",
            "code " + a.code + " appears again (first in layer " + first.row.layer.name() + " row " + first.row.row
                + "); keep one of the rows");
      }
    }
    // Codes already stored.
    Map<String, BoundaryVersions.GridVersion> stored = new HashMap<>();
    List<String> codes = new ArrayList<>(byCode.keySet());
    Set<String> parents = new TreeSet<>();
    areas.stream().filter(a -> a.parentCode != null).forEach(a -> parents.add(a.parentCode));
    codes.addAll(parents);
    for (int i = 0; i < codes.size(); i += 500) {
      services.versions().current(codes.subList(i, Math.min(codes.size(), i + 500))).forEach(v -> stored.put(v.code(), v));
    }
    for (AreaCandidate a : areas) {
      if (a.code == null || a.duplicate) {
        continue;
      }
      Tally tally = tallies.get(a.row.layer.name());
      if (stored.containsKey(a.code)) {
        tally.existing++;
        switch (plan.onExisting()) {
          case REFUSE ->
              a.row.problem("CODE_EXISTS", true, "code",
                  "code " + a.code + " is already stored; choose SKIP to keep the stored one or NEW_VERSION to replace it");
          case SKIP -> a.skip = true;
          case NEW_VERSION -> a.replaces = true;
        }
      } else {
        tally.fresh++;
      }
    }
    // Parents: in the file (one level up, not skipped) or stored.
    for (AreaCandidate a : areas) {
      if (a.parentCode == null || a.duplicate) {
        continue;
      }
      AreaCandidate inFile = byCode.get(a.parentCode);
      boolean known =
          (inFile != null && inFile.level() == a.level().parent()) || stored.containsKey(a.parentCode);
      if (!known) {
        tallies.get(a.row.layer.name()).parentUnknown++;
        a.row.problem("PARENT_UNKNOWN", true, "parentCode",
            "parent " + a.parentCode + " is neither stored nor a " + a.level().parent() + " in the file; import the parent too or fix the code");
      }
    }
    // Nesting and coverage, per parent whose children the import touches.
    Map<String, List<AreaCandidate>> byParent = new TreeMap<>();
    for (AreaCandidate a : areas) {
      if (a.parentCode != null && !a.duplicate && !a.skip && a.boundary != null) {
        byParent.computeIfAbsent(a.parentCode, k -> new ArrayList<>()).add(a);
      }
    }
    for (AreaCandidate a : areas) {
      if (a.replaces && !a.duplicate && a.boundary != null && a.level() != AreaLevel.GRID) {
        byParent.computeIfAbsent(a.code, k -> new ArrayList<>());
      }
    }
    CoverageCheck check = CoverageCheck.defaults();
    List<Double> scores = new ArrayList<>();
    for (var e : byParent.entrySet()) {
      String parentCode = e.getKey();
      AreaCandidate importedParent = byCode.get(parentCode);
      Geometry parentBoundary =
          importedParent != null && !importedParent.skip && importedParent.boundary != null
              ? importedParent.boundary
              : stored.containsKey(parentCode) ? stored.get(parentCode).boundary() : null;
      if (parentBoundary == null && !stored.containsKey(parentCode) && importedParent == null) {
        parentBoundary = services.areas().findCurrent(parentCode).isPresent()
            ? services.versions().current(List.of(parentCode)).getFirst().boundary()
            : null;
      }
      Map<String, Geometry> children = new TreeMap<>();
      Map<String, AreaCandidate> importedChildren = new HashMap<>();
      for (AreaCandidate c : e.getValue()) {
        children.put(c.code, c.boundary);
        importedChildren.put(c.code, c);
      }
      for (AreaShape s : services.areas().currentChildShapes(parentCode)) {
        AreaCandidate replacing = byCode.get(s.area().code());
        if (replacing == null || replacing.skip) {
          children.putIfAbsent(s.area().code(), s.boundary());
        }
      }
      if (children.isEmpty()) {
        continue;
      }
      List<CoverageProblem> found;
      try {
        found = check.check(parentBoundary, children);
      } catch (RuntimeException ex) {
        // An invalid boundary may defeat the overlay; the geometry problems already say so.
        continue;
      }
      Map<String, Integer> penalties = new HashMap<>();
      for (CoverageProblem p : found) {
        coverageItems.add(
            new DryRunReport.CoverageItem(
                p.kind().name(), p.severity().name(), p.codes(), p.areaSquareMetres(), p.message(), p.geometry()));
        int penalty =
            switch (p.severity()) {
              case HIGH -> CoverageReport.HIGH_PENALTY;
              case MEDIUM -> CoverageReport.MEDIUM_PENALTY;
              case LOW -> CoverageReport.LOW_PENALTY;
            };
        if (p.kind() == CoverageProblem.Kind.GAP) {
          penalties.merge(parentCode, penalty, Integer::sum);
        } else {
          p.codes().forEach(c -> penalties.merge(c, penalty, Integer::sum));
        }
        // The rule that stops a plan from being published (CoverageProblem.blocks) stops the
        // imported areas it concerns from being committed: overlaps, parts outside the parent,
        // invalid boundaries, slivers. A GAP is the exception: it is the absence of areas, which an
        // import of part of a layer (a redrawn grid, one community's grids) legitimately leaves; it is
        // reported in the coverage, and a plan that would publish it is still refused.
        if (p.blocks() && p.kind() != CoverageProblem.Kind.GAP) {
          for (String c : p.codes()) {
            AreaCandidate child = importedChildren.get(c);
            if (child == null) {
              continue;
            }
            if (p.kind() == CoverageProblem.Kind.NOT_NESTED) {
              tallies.get(child.row.layer.name()).notNested++;
              child.row.problem("NOT_NESTED", true, "geometry",
                  c + " reaches outside its parent " + parentCode + " (" + Math.round(p.areaSquareMetres())
                      + " m²); fix the boundary or the parent code",
                  p.geometry());
            } else {
              child.row.problem(p.kind().name(), true, "geometry",
                  p.message() + " (" + p.severity() + "); a plan with this problem could not be published either: fix the boundary",
                  p.geometry());
            }
          }
        }
      }
      double mean =
          children.keySet().stream().mapToDouble(c -> Math.max(0, 100 - penalties.getOrDefault(c, 0))).average().orElse(100);
      scores.add(Math.max(0, mean - penalties.getOrDefault(parentCode, 0)));
    }
    coverageScore = scores.isEmpty() ? 100 : Math.round(scores.stream().mapToDouble(d -> d).average().orElse(100) * 10) / 10.0;
    for (AreaCandidate a : areas) {
      if (a.row.blocked) {
        tallies.get(a.row.layer.name()).rejected++;
      }
    }
  }

  private void writeAreas(List<AreaCandidate> areas) {
    List<AreaRecord> records = new ArrayList<>();
    for (AreaCandidate a : areas) {
      Tally tally = tallies.get(a.row.layer.name());
      if (a.skip) {
        tally.skipped++;
        continue;
      }
      if (!a.accepted()) {
        continue;
      }
      records.add(
          new AreaRecord(
              a.code, a.name, a.level(), a.parentCode, a.boundary,
              a.households == null ? 0 : a.households, a.residents == null ? 0 : a.residents));
      if (a.replaces) {
        tally.newVersions++;
      } else {
        tally.inserted++;
      }
      if (a.households == null) {
        recount.add(a.code);
      }
    }
    if (!records.isEmpty()) {
      progress.progress("WRITING", done, total);
      services.areas().publishAreas(records, Instant.now());
    }
  }

  /**
   * Stored addresses of grids this import redraws (NEW_VERSION) that lie in another grid of the
   * result: counted by the dry run, filed under their new grid by the commit (in its transaction),
   * and the grids they leave and join recounted unless the file gives those grids' households.
   */
  private void regridStoredAddresses(List<AreaCandidate> areas) {
    Map<String, List<Long>> moves = new HashMap<>();
    Set<Long> seen = new HashSet<>();
    Set<String> householdsGiven = new HashSet<>();
    for (AreaCandidate a : areas) {
      if (a.households != null) {
        householdsGiven.add(a.code);
      }
    }
    for (AreaCandidate a : areas) {
      if (a.level() != AreaLevel.GRID || !a.replaces || !a.accepted() || a.boundary == null) {
        continue;
      }
      Envelope box = a.boundary.getEnvelopeInternal();
      for (AddressService.GridAddress address :
          services.addresses().gridAddresses(box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY(), a.code)) {
        if (!seen.add(address.id())) {
          continue;
        }
        String located = locate(address.lon(), address.lat());
        if (located == null || located.equals(address.gridCode())) {
          continue;
        }
        moves.computeIfAbsent(located, k -> new ArrayList<>()).add(address.id());
        movedAddresses++;
        String from = address.gridCode();
        for (int length : CODE_LENGTHS) {
          // a move across a community (street, district) changes that level's totals too
          if (from != null && from.length() > length && !located.startsWith(from.substring(0, length))) {
            recount.add(from.substring(0, length));
            recount.add(located.substring(0, length));
          }
        }
        if (from != null && !householdsGiven.contains(from)) {
          recount.add(from);
        }
        if (!householdsGiven.contains(located)) {
          recount.add(located);
        }
      }
    }
    if (write && !blocked() && !moves.isEmpty()) {
      progress.progress("WRITING", done, total);
      services.addresses().assignGrids(moves);
    }
  }

  private void buildGridIndex(List<AreaCandidate> areas) {
    List<GridShape> imported = new ArrayList<>();
    for (AreaCandidate a : areas) {
      if (a.level() == AreaLevel.GRID && a.accepted() && a.boundary != null) {
        imported.add(new GridShape(0, a.code, 0, a.boundary));
        importedGridCodes.add(a.code);
      }
    }
    resultGrids = imported.isEmpty() ? null : resultGrids(imported, stored);
  }

  /** The grids of the result: the imported ones and the stored ones they do not replace (by code). */
  static GridIndex<GridShape> resultGrids(List<GridShape> imported, GridLocator.Snapshot stored) {
    Set<String> codes = new HashSet<>();
    imported.forEach(g -> codes.add(g.code()));
    List<GridShape> result = new ArrayList<>(imported);
    for (GridShape g : stored.grids()) {
      if (!codes.contains(g.code())) {
        result.add(g);
      }
    }
    return GridIndex.of(result, GridShape::code, GridShape::boundary);
  }

  /** The grid of the result by the shared-edge rule, or {@code null} when no grid covers the point. */
  private String locate(double lon, double lat) {
    if (resultGrids == null) {
      GridMatch match = stored.match(lon, lat);
      return match == null ? null : match.code();
    }
    int rank = resultGrids.locate(lon, lat);
    return rank == GridIndex.NONE ? null : resultGrids.code(rank);
  }

  private boolean gridExists(String code) {
    return importedGridCodes.contains(code) || stored.currentGrid(code).isPresent();
  }

  // --- addresses ---------------------------------------------------------------------------------

  private record PendingAddress(Row row, AddressRecord record) {}

  private void readAddresses(FeatureSource source, Layer layer) throws IOException {
    Tally tally = tallies.get(layer.name());
    List<PendingAddress> batch = new ArrayList<>(ADDRESS_BATCH);
    source.read(
        layer.name(),
        layer.columns(),
        f -> {
          tick(write ? "WRITING" : "LOCATING");
          tally.features++;
          Row row = new Row(layer, f.row());
          String code = text(f, row, "code", 24);
          row.code = code;
          String fullText = text(f, row, "fullText", 200);
          String road = text(f, row, "road", 50);
          String number = text(f, row, "number", 20);
          String building = text(f, row, "building", 20);
          String unit = text(f, row, "unit", 20);
          Integer households = count(f, row, "households");
          Integer residents = count(f, row, "residents");
          String given = text(f, row, "gridCode", 15);
          Geometry point = geometry(f, row, false);
          String grid = null;
          if (point != null) {
            grid = locate(point.getCoordinate().x, point.getCoordinate().y);
            grid = checkGrid(row, tally, grid, given, point);
          }
          boolean duplicate = false;
          if (code != null && !importedAddressCodes.add(code)) {
            duplicate = true;
            tally.duplicateInFile++;
            row.problem("DUPLICATE_CODE", true, "code", "code " + code + " appears again in the file; keep one of the rows");
          }
          AddressRecord record =
              point == null || code == null || duplicate
                  ? null
                  : new AddressRecord(
                      code, fullText, road == null ? "" : road, number == null ? "" : number, building, unit,
                      point.getCoordinate().x, point.getCoordinate().y,
                      households == null ? 0 : households, residents == null ? 0 : residents, grid);
          batch.add(new PendingAddress(row, record));
          if (batch.size() == ADDRESS_BATCH) {
            flushAddresses(batch, tally);
            batch.clear();
          }
        });
    flushAddresses(batch, tally);
  }

  private void flushAddresses(List<PendingAddress> batch, Tally tally) {
    if (batch.isEmpty()) {
      return;
    }
    Set<String> existing =
        services.addresses().existingCodes(batch.stream().filter(p -> p.record() != null).map(p -> p.record().code()).toList());
    List<AddressRecord> inserts = new ArrayList<>();
    List<AddressRecord> updates = new ArrayList<>();
    for (PendingAddress p : batch) {
      boolean skip = false;
      if (p.record() != null) {
        if (existing.contains(p.record().code())) {
          tally.existing++;
          switch (plan.onExisting()) {
            case REFUSE ->
                p.row().problem("CODE_EXISTS", true, "code",
                    "address " + p.record().code() + " is already stored; choose SKIP to keep it or NEW_VERSION to update it");
            case SKIP -> skip = true;
            case NEW_VERSION -> { }
          }
        } else {
          tally.fresh++;
        }
      }
      if (p.row().blocked) {
        tally.rejected++;
        continue;
      }
      if (p.record() == null) {
        continue;
      }
      if (skip) {
        tally.skipped++;
      } else if (existing.contains(p.record().code())) {
        updates.add(p.record());
        tally.newVersions++;
      } else {
        inserts.add(p.record());
        tally.inserted++;
      }
    }
    if (write && !blocked()) {
      if (!inserts.isEmpty()) {
        services.addresses().insertAddresses(inserts);
      }
      if (!updates.isEmpty()) {
        services.addresses().updateAddresses(updates);
      }
      writtenAddresses += inserts.size() + updates.size();
      inserts.forEach(a -> touch(a.gridCode()));
      updates.forEach(a -> touch(a.gridCode()));
    }
  }

  /** The grid and its ancestors need their households recounted. */
  private void touch(String gridCode) {
    if (gridCode == null || !recount.add(gridCode)) {
      return;
    }
    for (int n : CODE_LENGTHS) {
      if (gridCode.length() > n) {
        recount.add(gridCode.substring(0, n));
      }
    }
  }

  /** Checks the located grid against the given one and the jurisdiction; the located one wins. */
  private String checkGrid(Row row, Tally tally, String located, String given, Geometry point) {
    Coordinate c = point.getCoordinate();
    if (located == null) {
      tally.outsideGrids++;
      row.problem("OUTSIDE_GRIDS", true, "geometry",
          String.format(Locale.ROOT, "the point %.6f %.6f lies in no grid (stored or imported); fix the position or import the grid", c.x, c.y),
          point);
      return null;
    }
    if (given != null && !given.equals(located)) {
      row.problem("GRID_MISMATCH", false, "gridCode",
          "the file says grid " + given + " but the point lies in grid " + located + "; " + located + " is used", point);
    }
    if (!caller.covers(located)) {
      row.problem("OUTSIDE_JURISDICTION", true, "geometry",
          "the point lies in grid " + located + ", outside your jurisdiction " + caller.areaCode() + "; remove the row or ask an ADMIN",
          point);
    }
    return located;
  }

  // --- members -----------------------------------------------------------------------------------

  private void readMembers(FeatureSource source, Layer layer) throws IOException {
    Tally tally = tallies.get(layer.name());
    List<Row> rows = new ArrayList<>();
    List<MemberRecord> records = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    source.read(
        layer.name(),
        layer.columns(),
        f -> {
          tick(write ? "WRITING" : "CHECKING");
          tally.features++;
          Row row = new Row(layer, f.row());
          String code = text(f, row, "code", 24);
          row.code = code;
          String name = text(f, row, "name", 50);
          String roleText = text(f, row, "role", 40);
          MemberRole role = roleText == null ? null : memberRole(roleText);
          if (roleText != null && role == null) {
            row.problem("BAD_VALUE", true, "role",
                "role '" + roleText + "' is not one of " + Arrays.toString(MemberRole.values()) + " or 网格长/专职网格员/兼职网格员/楼栋长/联户长");
          }
          String gridsText = text(f, row, "gridCodes", 4000);
          List<String> grids = new ArrayList<>();
          if (gridsText != null) {
            for (String g : gridsText.split("[;,，；\\s]+")) {
              if (g.isBlank()) {
                continue;
              }
              if (!gridExists(g.trim())) {
                row.problem("UNKNOWN_REFERENCE", true, "gridCodes", "grid " + g.trim() + " does not exist (stored or imported)");
              }
              grids.add(g.trim());
            }
          }
          String phone = text(f, row, "phone", 40);
          Boolean onDuty = bool(f, row, "onDuty");
          Double lon = null;
          Double lat = null;
          if (f.geometry() != null && !f.geometry().isEmpty()) {
            Geometry p = geometry(f, row, false);
            if (p != null) {
              lon = p.getCoordinate().x;
              lat = p.getCoordinate().y;
            }
          } else {
            tally.valid++;
          }
          if (code != null && !seen.add(code)) {
            tally.duplicateInFile++;
            row.problem("DUPLICATE_CODE", true, "code", "member " + code + " appears again in the file; keep one of the rows");
          }
          rows.add(row);
          records.add(
              code == null || name == null || role == null
                  ? null
                  : new MemberRecord(code, name, phone == null ? "" : phone, role, grids, onDuty != null && onDuty, lon, lat, null));
        });
    Map<String, Long> stored = services.teams().memberIds();
    List<MemberRecord> inserts = new ArrayList<>();
    List<MemberRecord> updates = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      MemberRecord m = records.get(i);
      boolean skip = false;
      if (m != null && taken.add(m.code())) {
        if (stored.containsKey(m.code())) {
          tally.existing++;
          switch (plan.onExisting()) {
            case REFUSE ->
                row.problem("CODE_EXISTS", true, "code",
                    "member " + m.code() + " is already stored; choose SKIP to keep it or NEW_VERSION to update it");
            case SKIP -> skip = true;
            case NEW_VERSION -> { }
          }
        } else {
          tally.fresh++;
        }
      }
      if (row.blocked) {
        tally.rejected++;
      } else if (m != null) {
        if (skip) {
          tally.skipped++;
        } else if (stored.containsKey(m.code())) {
          updates.add(m);
          tally.newVersions++;
        } else {
          inserts.add(m);
          tally.inserted++;
        }
      }
    }
    if (write && !blocked()) {
      if (!inserts.isEmpty()) {
        services.teams().importMembers(inserts);
      }
      if (!updates.isEmpty()) {
        services.teams().updateMembers(updates);
      }
    }
  }

  private static MemberRole memberRole(String text) {
    return switch (text.trim()) {
      case "网格长" -> MemberRole.GRID_LEADER;
      case "专职网格员" -> MemberRole.FULL_TIME;
      case "兼职网格员" -> MemberRole.PART_TIME;
      case "楼栋长" -> MemberRole.BUILDING_LEADER;
      case "联户长" -> MemberRole.JOINT_HOUSEHOLD_LEADER;
      default -> {
        try {
          yield MemberRole.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          yield null;
        }
      }
    };
  }

  // --- incidents ---------------------------------------------------------------------------------

  private void readIncidents(FeatureSource source, Layer layer) throws IOException {
    Tally tally = tallies.get(layer.name());
    if (categories == null) {
      categories = services.incidents().categoryCodes();
    }
    List<Row> rows = new ArrayList<>();
    List<IncidentRecord> records = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    source.read(
        layer.name(),
        layer.columns(),
        f -> {
          tick(write ? "WRITING" : "LOCATING");
          tally.features++;
          Row row = new Row(layer, f.row());
          String number = text(f, row, "number", 20);
          row.code = number;
          String category = text(f, row, "categoryCode", 20);
          if (category != null && !categories.contains(category)) {
            row.problem("UNKNOWN_REFERENCE", true, "categoryCode", "category " + category + " does not exist; map it to a stored category code");
          }
          Instant reported = instant(f, row, "reportedAt");
          Instant due = instant(f, row, "dueAt");
          Instant closed = instant(f, row, "closedAt");
          IncidentStatus status = value(f, row, "status", IncidentStatus.class, IncidentStatus.CLOSED);
          IncidentSource src = value(f, row, "source", IncidentSource.class, IncidentSource.PATROL);
          Risk risk = value(f, row, "risk", Risk.class, Risk.LOW);
          String description = text(f, row, "description", 2000);
          String given = text(f, row, "gridCode", 15);
          if (given != null && !gridExists(given)) {
            row.problem("UNKNOWN_REFERENCE", true, "gridCode", "grid " + given + " does not exist (stored or imported)");
            given = null;
          }
          String address = text(f, row, "addressCode", 24);
          Geometry point = geometry(f, row, false);
          String grid = null;
          if (point != null) {
            grid = checkGrid(row, tally, locate(point.getCoordinate().x, point.getCoordinate().y), given, point);
          }
          if (number != null && !seen.add(number)) {
            tally.duplicateInFile++;
            row.problem("DUPLICATE_CODE", true, "number", "case " + number + " appears again in the file; keep one of the rows");
          }
          rows.add(row);
          records.add(
              number == null || category == null || reported == null || point == null || grid == null
                  ? null
                  : new IncidentRecord(
                      number, category, src, risk, status, description == null ? "" : description,
                      point.getCoordinate().x, point.getCoordinate().y,
                      address, grid, null, null, reported, due, closed));
        });
    Set<String> addressCodes = new HashSet<>();
    records.stream().filter(r -> r != null && r.addressCode() != null).forEach(r -> addressCodes.add(r.addressCode()));
    addressCodes.removeAll(importedAddressCodes);
    Set<String> storedAddresses = services.addresses().existingCodes(addressCodes);
    Set<String> storedNumbers =
        services.incidents().existingNumbers(records.stream().filter(r -> r != null).map(IncidentRecord::number).toList());
    List<IncidentRecord> inserts = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      IncidentRecord r = records.get(i);
      boolean skip = false;
      if (r != null && r.addressCode() != null && !importedAddressCodes.contains(r.addressCode())
          && !storedAddresses.contains(r.addressCode())) {
        row.problem("UNKNOWN_REFERENCE", true, "addressCode", "address " + r.addressCode() + " does not exist (stored or imported)");
      }
      if (r != null && taken.add(r.number())) {
        if (storedNumbers.contains(r.number())) {
          tally.existing++;
          if (plan.onExisting() == OnExisting.SKIP) {
            skip = true;
          } else {
            row.problem("CODE_EXISTS", true, "number", "case " + r.number() + " is already stored; choose SKIP to keep it");
          }
        } else {
          tally.fresh++;
        }
      }
      if (row.blocked) {
        tally.rejected++;
      } else if (r != null) {
        if (skip) {
          tally.skipped++;
        } else {
          inserts.add(r);
          tally.inserted++;
        }
      }
    }
    if (write && !blocked() && !inserts.isEmpty()) {
      services.incidents().importIncidents(inserts);
    }
  }

  // --- features ----------------------------------------------------------------------------------

  private void tick(String phase) {
    done++;
    if ((done & 1023) == 0) {
      progress.progress(phase, done, total);
    }
  }

  /**
   * The feature's geometry in WGS84, checked (and repaired when asked): {@code null} after a
   * blocking problem. Areas want a polygon, the rest a point.
   */
  private Geometry geometry(SourceFeature f, Row row, boolean polygon) {
    Tally tally = tallies.get(row.layer.name());
    Geometry g = f.geometry();
    if (g == null || g.isEmpty()) {
      row.problem("EMPTY_GEOMETRY", true, "geometry", "the feature has no geometry; draw it or remove the row");
      return null;
    }
    if (!polygon && g instanceof MultiPoint mp && mp.getNumGeometries() == 1) {
      g = mp.getGeometryN(0);
    }
    if (polygon ? !(g instanceof Polygonal) : !(g instanceof Point)) {
      row.problem("WRONG_GEOMETRY_TYPE", true, "geometry",
          "the geometry is a " + g.getGeometryType() + " but a " + row.layer.kind() + " needs a " + (polygon ? "Polygon or MultiPolygon" : "Point"));
      return null;
    }
    Crs crs = row.layer.crs();
    Envelope source = g.getEnvelopeInternal();
    if (!crs.projected() && !(source.getMinX() >= -180 && source.getMaxX() <= 180 && source.getMinY() >= -90 && source.getMaxY() <= 90)) {
      row.problem("OUT_OF_RANGE", true, "geometry",
          String.format(Locale.ROOT, "coordinates like %.1f %.1f are impossible in %s (degrees); is the coordinate system right? "
              + "Metres suggest a projected system such as EPSG:4547", source.getMinX(), source.getMinY(), crs.code()));
      return null;
    }
    if (crs.projected() && Math.max(Math.abs(source.getMaxX()), Math.abs(source.getMaxY())) < 1000) {
      row.problem("OUT_OF_RANGE", true, "geometry",
          String.format(Locale.ROOT, "coordinates like %.4f %.4f look like degrees, not the metres of %s; is the coordinate system right?",
              source.getMinX(), source.getMinY(), crs.code()));
      return null;
    }
    Geometry w;
    try {
      w = crs.toWgs84(g);
    } catch (RuntimeException e) {
      row.problem("OUT_OF_RANGE", true, "geometry", "the coordinates cannot be converted from " + crs.code() + ": " + e.getMessage()
          + "; is the coordinate system right?");
      return null;
    }
    Envelope e = w.getEnvelopeInternal();
    if (!(e.getMinX() >= -180 && e.getMaxX() <= 180 && e.getMinY() >= -90 && e.getMaxY() <= 90)) {
      row.problem("OUT_OF_RANGE", true, "geometry", "the coordinates fall outside the earth after conversion from " + crs.code()
          + "; is the coordinate system right?");
      return null;
    }
    w.setSRID(Wgs84.SRID);
    if (polygon) {
      IsValidOp op = new IsValidOp(w);
      if (!op.isValid()) {
        tally.invalid++;
        TopologyValidationError error = op.getValidationError();
        Coordinate at = error.getCoordinate();
        String where = at == null ? "" : String.format(Locale.ROOT, " at %.6f %.6f", at.x, at.y);
        if (plan.repair()) {
          Geometry fixed = GeometryFixer.fix(w);
          if (fixed.isEmpty() || !(fixed instanceof Polygonal)) {
            row.problem("INVALID_GEOMETRY", true, "geometry",
                error.getMessage() + where + "; GeometryFixer could not make a polygon of it: fix it in the file", w);
            return null;
          }
          fixed.setSRID(Wgs84.SRID);
          tally.repaired++;
          row.problem("REPAIRED", false, "geometry", error.getMessage() + where + "; repaired with GeometryFixer", fixed);
          w = fixed;
        } else {
          row.problem("INVALID_GEOMETRY", true, "geometry",
              error.getMessage() + where + "; tick repair to fix it with GeometryFixer", w);
          return null;
        }
      } else {
        tally.valid++;
      }
    } else {
      tally.valid++;
    }
    extent.expandToInclude(w.getEnvelopeInternal());
    return w;
  }

  private static Object raw(SourceFeature f, Row row, String key) {
    String field = row.layer.field(key);
    return field == null ? null : f.attributes().get(field);
  }

  /** A text value, trimmed ({@code null} when blank); a required one missing is a problem. */
  private String text(SourceFeature f, Row row, String key, int maxLength) {
    Object v = raw(f, row, key);
    String s = null;
    if (v instanceof Double d) {
      s = d == Math.rint(d) && !d.isInfinite() ? BigDecimal.valueOf(d).toBigInteger().toString() : BigDecimal.valueOf(d).toPlainString();
    } else if (v != null) {
      s = v.toString().trim();
    }
    if (s != null && s.isEmpty()) {
      s = null;
    }
    if (s == null && ImportPlan.REQUIRED.get(row.layer.kind()).contains(key)
        && !(key.equals("parentCode") && row.layer.level() == AreaLevel.CITY)) {
      row.problem("MISSING_VALUE", true, key, key + " (field " + row.layer.field(key) + ") is empty; fill it in");
    }
    if (s != null && s.length() > maxLength) {
      row.problem("BAD_VALUE", true, key, key + " is " + s.length() + " characters long, at most " + maxLength + " fit");
      return null;
    }
    return s;
  }

  private Integer count(SourceFeature f, Row row, String key) {
    Object v = raw(f, row, key);
    if (v == null || (v instanceof String s && s.isBlank())) {
      return null;
    }
    try {
      long n = v instanceof Number num ? (long) num.doubleValue() : new BigDecimal(v.toString().trim()).longValueExact();
      if (n < 0 || n > Integer.MAX_VALUE) {
        throw new NumberFormatException();
      }
      return (int) n;
    } catch (RuntimeException e) {
      row.problem("BAD_VALUE", true, key, key + " must be a whole number ≥ 0, got '" + v + "'");
      return null;
    }
  }

  private Boolean bool(SourceFeature f, Row row, String key) {
    Object v = raw(f, row, key);
    if (v == null) {
      return null;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    String s = v.toString().trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "", "null" -> null;
      case "true", "1", "yes", "y", "是", "t" -> true;
      case "false", "0", "no", "n", "否", "f" -> false;
      default -> {
        row.problem("BAD_VALUE", true, key, key + " must be true/false (or 是/否), got '" + v + "'");
        yield null;
      }
    };
  }

  private Instant instant(SourceFeature f, Row row, String key) {
    Object v = raw(f, row, key);
    Instant result = null;
    if (v instanceof Instant i) {
      result = i;
    } else if (v instanceof LocalDate d) {
      result = d.atStartOfDay(LOCAL).toInstant();
    } else if (v != null && !v.toString().isBlank()) {
      String s = v.toString().trim();
      try {
        result = OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e1) {
        try {
          result = LocalDateTime.parse(s.replace(' ', 'T')).atZone(LOCAL).toInstant();
        } catch (DateTimeParseException e2) {
          try {
            result = LocalDate.parse(s).atStartOfDay(LOCAL).toInstant();
          } catch (DateTimeParseException e3) {
            row.problem("BAD_VALUE", true, key,
                key + " must be a date-time like 2026-11-30T08:15:00+08:00 (or without offset: Asia/Shanghai), got '" + s + "'");
            return null;
          }
        }
      }
    }
    if (result == null && ImportPlan.REQUIRED.get(row.layer.kind()).contains(key) && v == null) {
      row.problem("MISSING_VALUE", true, key, key + " (field " + row.layer.field(key) + ") is empty; fill it in");
    }
    return result;
  }

  private <E extends Enum<E>> E value(SourceFeature f, Row row, String key, Class<E> type, E fallback) {
    Object v = raw(f, row, key);
    if (v == null || v.toString().isBlank()) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, v.toString().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      row.problem("BAD_VALUE", true, key, key + " must be one of " + Arrays.toString(type.getEnumConstants()) + ", got '" + v + "'");
      return fallback;
    }
  }

  // --- problems and counts -----------------------------------------------------------------------

  /** One feature being checked. */
  private final class Row {
    final Layer layer;
    final long row;
    String code;
    boolean blocked;

    Row(Layer layer, long row) {
      this.layer = layer;
      this.row = row;
    }

    void problem(String kind, boolean blocking, String field, String message) {
      problem(kind, blocking, field, message, null);
    }

    void problem(String kind, boolean blocking, String field, String message, Geometry geometry) {
      if (blocking) {
        blocked = true;
        blockingByKind.merge(kind, 1L, Long::sum);
      }
      problemCount++;
      if (problems.size() < DryRunReport.MAX_PROBLEMS) {
        problems.add(new DryRunReport.Problem(layer.name(), row, code, kind, blocking, field, message, geometry));
      }
    }
  }

  private static final class Tally {
    final Layer layer;
    long features, valid, invalid, repaired, fresh, existing, duplicateInFile, parentUnknown, notNested, outsideGrids, rejected;
    long inserted, newVersions, skipped;

    Tally(Layer layer) {
      this.layer = layer;
    }

    DryRunReport.Counts counts() {
      return new DryRunReport.Counts(
          features, valid, invalid, repaired, fresh, existing, duplicateInFile, parentUnknown, notNested, outsideGrids, rejected);
    }
  }

  DryRunReport report() {
    List<DryRunReport.LayerReport> byLayer = new ArrayList<>();
    long[] sum = new long[11];
    for (Tally t : tallies.values()) {
      byLayer.add(
          new DryRunReport.LayerReport(
              t.layer.name(), t.layer.kind().name(), t.layer.level() == null ? null : t.layer.level().name(), t.counts()));
      long[] v = {
        t.features, t.valid, t.invalid, t.repaired, t.fresh, t.existing, t.duplicateInFile, t.parentUnknown, t.notNested,
        t.outsideGrids, t.rejected
      };
      for (int i = 0; i < v.length; i++) {
        sum[i] += v[i];
      }
    }
    var counts =
        new DryRunReport.Counts(sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6], sum[7], sum[8], sum[9], sum[10]);
    List<String> blocking = new ArrayList<>();
    blockingByKind.forEach((kind, n) -> blocking.add(sentence(kind, n)));
    List<DryRunReport.CoverageItem> coverage = new ArrayList<>(coverageItems);
    double[] box = extent.isNull() ? null : new double[] {extent.getMinX(), extent.getMinY(), extent.getMaxX(), extent.getMaxY()};
    return new DryRunReport(
        counts, byLayer, List.copyOf(problems), problemCount, new DryRunReport.Coverage(coverageScore, coverage), box,
        blocking.isEmpty(), blocking, movedAddresses);
  }

  ImportView.Result result(Instant committedAt, long millis) {
    List<ImportView.LayerResult> byLayer = new ArrayList<>();
    long inserted = 0;
    long newVersions = 0;
    long skipped = 0;
    for (Tally t : tallies.values()) {
      byLayer.add(new ImportView.LayerResult(t.layer.name(), t.inserted, t.newVersions, t.skipped));
      inserted += t.inserted;
      newVersions += t.newVersions;
      skipped += t.skipped;
    }
    return new ImportView.Result(inserted, newVersions, skipped, movedAddresses, byLayer, committedAt, millis);
  }

  private static String sentence(String kind, long n) {
    return switch (kind) {
      case "INVALID_GEOMETRY" -> n + " invalid geometries: tick 'repair' or fix the file";
      case "EMPTY_GEOMETRY" -> n + " features without geometry: draw them or remove the rows";
      case "WRONG_GEOMETRY_TYPE" -> n + " geometries of the wrong type: areas need polygons, the rest points";
      case "OUT_OF_RANGE" -> n + " features with impossible coordinates: is the coordinate system right?";
      case "MISSING_VALUE" -> n + " required values missing: fill them in or map another field";
      case "BAD_VALUE" -> n + " values that cannot be read: see the problems";
      case "DUPLICATE_CODE" -> n + " codes appear more than once in the file: keep one row of each";
      case "CODE_EXISTS" -> n + " codes are already stored: choose SKIP or NEW_VERSION, or remove the rows";
      case "PARENT_UNKNOWN" -> n + " parents unknown: import the parents too or fix the parent codes";
      case "NOT_NESTED" -> n + " areas reach outside their parents: fix the boundaries";
      case "OVERLAP" -> n + " areas overlap another area (HIGH or MEDIUM, as plan publishing counts it): fix the boundaries";
      case "SLIVER" -> n + " areas are or hold a thin strip: fix the boundaries";
      case "INVALID" -> n + " boundaries are not valid polygons: tick 'repair' or fix the file";
      case "OUTSIDE_JURISDICTION" -> n + " features outside your jurisdiction: remove them or ask an ADMIN";
      case "OUTSIDE_GRIDS" -> n + " points lie in no grid: fix them or import their grids";
      case "UNKNOWN_REFERENCE" -> n + " references to codes that do not exist: see the problems";
      default -> n + " " + kind + " problems";
    };
  }
}
