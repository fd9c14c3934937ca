package org.wangge.planning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wangge.address.AddressService;
import org.wangge.area.AreaService;
import org.wangge.area.BoundaryVersions.GridVersion;
import org.wangge.area.BoundaryVersions;
import org.wangge.coverage.CoverageCheck;
import org.wangge.coverage.CoverageProblem;
import org.wangge.coverage.StaffingRule;
import org.wangge.gisdata.model.MemberRole;
import org.wangge.team.GridAssignment;
import org.wangge.incident.CaseRerouting;
import org.wangge.planning.PlanExceptions.BoundaryConflict;
import org.wangge.planning.PlanExceptions.Conflict;
import org.wangge.planning.PlanExceptions.Invalid;
import org.wangge.planning.PlanExceptions.StateConflict;
import org.wangge.planning.PlanStore.EditRow;
import org.wangge.planning.PlanStore.PlanRow;
import org.wangge.security.AuditLog;
import org.wangge.security.CurrentUser;
import org.wangge.security.Jurisdiction;
import org.wangge.security.Role;
import org.wangge.spatial.Feature;
import org.wangge.spatial.FeatureCollection;
import org.wangge.web.InvalidInputException;
import org.wangge.web.NotFoundException;
import tools.jackson.databind.JsonNode;

/**
 * Plans of new grid boundaries: create, edit with undo and redo, validate, impact, publish,
 * history. PLANNER and ADMIN edit and publish inside their jurisdiction; OPERATOR and GRID_LEADER
 * read; everyone else is refused (403). A plan of an area outside the caller's jurisdiction is
 * answered like a missing one (404). Every change is audited ({@link AuditLog}) in its transaction.
 *
 * <p>Publishing numbers the grids (README, "Planning"): a grid whose boundary and name are
 * unchanged keeps its row; a changed grid that continues a base grid keeps its code with the next
 * version; of a split, the part holding most of the base grid's households keeps the code; merged
 * grids keep the lowest code and the others are retired; new grids take the next 3-digit sequence
 * never used in their community, west to east then north to south ({@link GridNumbering}).
 */
@Service
public class PlanService {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PlanService.class);

  /** How far in the future a validFrom may lie (clock skew between client and server). */
  private static final Duration FUTURE_SLACK = Duration.ofMinutes(1);

  private static final int MAX_NAME = 100;
  private static final int MAX_AUTO_PARTS = 10;

  private final PlanStore store;
  private final org.wangge.database.LongWork longWork;
  private final PlanImpacts impacts;
  private final BoundaryVersions versions;
  private final AreaService areas;
  private final AddressService addresses;
  private final CaseRerouting rerouting;
  private final CurrentUser currentUser;
  private final AuditLog audit;
  private final CoverageCheck coverage = CoverageCheck.withToleranceMetres(CoverageCheck.DEFAULT_TOLERANCE_METRES);
  private final StaffingRule staffing;

  PlanService(
      PlanStore store,
      PlanImpacts impacts,
      BoundaryVersions versions,
      AreaService areas,
      AddressService addresses,
      CaseRerouting rerouting,
      CurrentUser currentUser,
      AuditLog audit,
      org.wangge.database.LongWork longWork,
      StaffingRule staffing) {
    this.longWork = longWork;
    this.staffing = staffing;
    this.store = store;
    this.impacts = impacts;
    this.versions = versions;
    this.areas = areas;
    this.addresses = addresses;
    this.rerouting = rerouting;
    this.currentUser = currentUser;
    this.audit = audit;
  }

  private Jurisdiction reader() {
    return currentUser.requireRole("read plans", Role.PLANNER, Role.ADMIN, Role.OPERATOR, Role.GRID_LEADER);
  }

  private Jurisdiction editor(String action) {
    return currentUser.requireRole(action, Role.PLANNER, Role.ADMIN);
  }

  private static NotFoundException noPlan(long id) {
    return new NotFoundException("No plan " + id + " in your jurisdiction.");
  }

  // --- create, list, read ------------------------------------------------------------------

  /**
   * Starts a plan from the current grids of an area (a GRID code means its community), or from the
   * grids valid at {@code from} (to restore them: the plan's base is still the current grids, so
   * its impact and publish compare with what is current).
   */
  @Transactional
  public PlanView create(String areaCode, String name, Instant from) {
    Jurisdiction j = editor("create plans");
    String code = areaCode == null ? null : areaCode.trim();
    if (code == null || code.isEmpty()) {
      throw new InvalidInputException("areaCode", "is required");
    }
    if (!code.matches("\\d{4}|\\d{6}|\\d{9}|\\d{12}|\\d{15}")) {
      throw new InvalidInputException("areaCode", "must be an area code of 4, 6, 9, 12 or 15 digits, got '" + code + "'");
    }
    if (code.length() == 15) {
      code = code.substring(0, 12);
    }
    String planName = name == null ? "" : name.trim();
    if (planName.isEmpty()) {
      throw new InvalidInputException("name", "is required");
    }
    if (planName.length() > MAX_NAME) {
      throw new InvalidInputException("name", "is longer than " + MAX_NAME + " characters");
    }
    Instant now = Instant.now();
    if (from != null && from.isAfter(now)) {
      throw new InvalidInputException("from", "must not lie in the future, got " + from);
    }
    if (!j.covers(code) || areas.findCurrent(code).isEmpty()) {
      throw new NotFoundException("No current area " + code + " in your jurisdiction.");
    }
    List<GridVersion> current = versions.currentGrids(code);
    if (current.isEmpty()) {
      throw new InvalidInputException("areaCode", "area " + code + " has no current grids");
    }
    List<GridVersion> start = from == null ? current : versions.gridsAt(code, from);
    if (start.isEmpty()) {
      throw new InvalidInputException("from", "no grid of area " + code + " was valid at " + from);
    }
    long id = store.insertPlan(planName, code, j.username(), now, from);
    store.insertBase(
        id,
        current.stream().map(g -> new BaseGrid(g.id(), g.code(), g.version(), g.name(), g.parentCode(), simplest(g.boundary()))).toList());
    List<String> keys = store.newKeys(id, start.size());
    List<PlanGrid> grids = new ArrayList<>();
    for (int i = 0; i < start.size(); i++) {
      GridVersion g = start.get(i);
      grids.add(new PlanGrid(keys.get(i), g.code(), g.name(), g.parentCode(), List.of(g.code()), simplest(g.boundary())));
    }
    store.replaceGrids(id, List.of(), grids);
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("name", planName);
    after.put("areaCode", code);
    after.put("from", from == null ? null : from.toString());
    after.put("grids", grids.size());
    audit.change("PLAN_CREATED", "plan", Long.toString(id), code, null, after);
    return build(store.plan(id).orElseThrow());
  }

  /** A one-part MultiPolygon (as the area table stores every boundary) as its Polygon; else as is. */
  private static Geometry simplest(Geometry g) {
    if (g.getNumGeometries() == 1 && g.getGeometryN(0) instanceof Polygon p) {
      Geometry copy = org.wangge.spatial.Wgs84.FACTORY.createGeometry(p);
      copy.setSRID(org.wangge.spatial.Wgs84.SRID);
      return copy;
    }
    return g;
  }

  /** Plans inside the caller's jurisdiction (and inside {@code areaCode} if given), newest first. */
  @Transactional(readOnly = true)
  public List<PlanSummary> list(String areaCode, String status) {
    Jurisdiction j = reader();
    String pattern = j.likePattern();
    if (areaCode != null && !areaCode.isBlank()) {
      String code = areaCode.trim();
      if (!code.matches("\\d{4}|\\d{6}|\\d{9}|\\d{12}|\\d{15}")) {
        throw new InvalidInputException("areaCode", "must be an area code of 4, 6, 9, 12 or 15 digits, got '" + code + "'");
      }
      if (!j.covers(code)) {
        throw new NotFoundException("No area " + code + " in your jurisdiction.");
      }
      pattern = code + "%";
    }
    String s = null;
    if (status != null && !status.isBlank()) {
      s = status.trim();
      if (!List.of("DRAFT", "PUBLISHED", "ABANDONED").contains(s)) {
        throw new InvalidInputException("status", "must be one of DRAFT, PUBLISHED, ABANDONED, got '" + status + "'");
      }
    }
    return store.plans(pattern, s).stream()
        .map(p -> new PlanSummary(p.id(), p.name(), p.areaCode(), p.status(), p.createdBy(), p.createdAt(), p.updatedAt(), p.edits(), p.publishedAt(), p.publishedBy()))
        .toList();
  }

  @Transactional(readOnly = true)
  public PlanView view(long id) {
    Jurisdiction j = reader();
    return build(readable(id, j));
  }

  /** The impact alone (the figure the planning page refreshes after each edit). */
  @Transactional(readOnly = true)
  public PlanImpact impact(long id) {
    Jurisdiction j = reader();
    PlanRow p = readable(id, j);
    return impacts.compute(impacts.data(id, p.areaCode(), () -> store.base(id)), grids(p), p.areaCode()).impact();
  }

  /** The last grids read per plan, with the plan's revision then (every change bumps it). */
  private record CachedGrids(long revision, List<PlanGrid> grids) {}

  private final Map<Long, CachedGrids> gridCache = java.util.Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, CachedGrids> eldest) {
          return size() > 32;
        }
      });

  /** The plan's grids at the revision of {@code p} (from memory when this instance read them at that revision). */
  private List<PlanGrid> grids(PlanRow p) {
    CachedGrids cached = gridCache.get(p.id());
    if (cached != null && cached.revision() == p.revision()) {
      return cached.grids();
    }
    List<PlanGrid> grids = store.grids(p.id());
    // Only committed states are remembered: a read-only transaction sees nothing uncommitted.
    if (org.springframework.transaction.support.TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
      gridCache.put(p.id(), new CachedGrids(p.revision(), grids));
    }
    return grids;
  }

  private PlanRow readable(long id, Jurisdiction j) {
    return store.plan(id).filter(p -> j.covers(p.areaCode())).orElseThrow(() -> noPlan(id));
  }

  private PlanRow editable(long id, Jurisdiction j) {
    PlanRow p = store.lock(id).filter(x -> j.covers(x.areaCode())).orElseThrow(() -> noPlan(id));
    if (!p.status().equals("DRAFT")) {
      throw new StateConflict("Plan " + id + " is " + p.status() + ": only a DRAFT can be changed.");
    }
    return p;
  }

  private PlanView build(PlanRow p) {
    List<PlanGrid> grids = grids(p);
    List<EditRow> edits = store.edits(p.id());
    PlanImpacts.AreaData d = impacts.data(p.id(), p.areaCode(), () -> store.base(p.id()));
    List<BaseGrid> base = d.base;
    PlanImpacts.Computed computed = impacts.compute(d, grids, p.areaCode());
    PlanValidationView validation = validate(d, grids).withWarnings(staffingWarnings(d, grids, computed));
    var gridFeatures =
        grids.stream()
            .map(
                g -> {
                  int[] f = computed.figures().get(g.key());
                  return Feature.of(
                      g.key(),
                      g.boundary(),
                      new PlanView.GridProperties(
                          g.key(), g.code(), g.name(), g.communityCode(), computed.changedKeys().contains(g.key()) && PlanImpacts.reshaped(g, d), g.baseCodes(), f[0], f[1], f[2]));
                })
            .toList();
    var baseFeatures =
        base.stream()
            .map(b -> Feature.of(b.code(), b.boundary(), new PlanView.BaseProperties(b.code(), b.name(), b.version(), d.baseHouseholds(b.code()))))
            .toList();
    boolean draft = p.status().equals("DRAFT");
    return new PlanView(
        p.id(),
        p.name(),
        p.areaCode(),
        p.status(),
        p.createdBy(),
        p.createdAt(),
        p.updatedAt(),
        p.basedOn(),
        p.publishedAt(),
        p.publishedBy(),
        p.validFrom(),
        draft && edits.stream().anyMatch(e -> !e.undone()),
        draft && edits.stream().anyMatch(e -> e.undone() && !e.dropped()),
        edits.stream()
            .map(e -> new PlanView.Edit(e.seq(), e.kind(), e.actor(), e.at(), e.summary(), e.undone(), refs(e.removed()), refs(e.added())))
            .toList(),
        FeatureCollection.of(gridFeatures),
        FeatureCollection.of(baseFeatures),
        validation,
        computed.impact());
  }

  private static List<PlanView.GridRef> refs(List<PlanGrid> grids) {
    return grids.stream().map(g -> new PlanView.GridRef(g.key(), g.code(), g.name())).toList();
  }

  /**
   * The staffing rule of the coverage report ({@link StaffingRule}) on every grid the plan changes:
   * members serve grids by code, so a new grid (no code until published) has none. Warnings, not
   * blocking: members are assigned to the new code once it exists.
   */
  private List<PlanValidationView.Problem> staffingWarnings(PlanImpacts.AreaData d, List<PlanGrid> grids, PlanImpacts.Computed computed) {
    Map<String, int[]> staff = new HashMap<>(); // code -> {leaders, full-time}
    for (GridAssignment a : d.assignments) {
      if (a.role() == MemberRole.GRID_LEADER) {
        staff.computeIfAbsent(a.gridCode(), x -> new int[2])[0]++;
      } else if (a.role() == MemberRole.FULL_TIME) {
        staff.computeIfAbsent(a.gridCode(), x -> new int[2])[1]++;
      }
    }
    List<PlanValidationView.Problem> warnings = new ArrayList<>();
    for (PlanGrid g : grids) {
      // The grids the plan reshapes (as the page marks them): a neighbour that only gained a vertex keeps its staff and load.
      if (!computed.changedKeys().contains(g.key()) || !PlanImpacts.reshaped(g, d)) {
        continue;
      }
      int[] s = g.code() == null ? new int[2] : staff.getOrDefault(g.code(), new int[2]);
      int[] f = computed.figures().get(g.key());
      for (StaffingRule.Finding finding : staffing.check(label(g), s[0], s[1], f == null ? 0 : f[0])) {
        warnings.add(new PlanValidationView.Problem(
            finding.kind().name(), finding.severity().name(), List.of(g.key()), finding.message(), 0, null));
      }
    }
    return warnings;
  }

  /** Each community's plan grids against the community's current boundary. */
  private PlanValidationView validate(PlanImpacts.AreaData d, List<PlanGrid> grids) {
    Map<String, Map<String, Geometry>> byCommunity = new LinkedHashMap<>();
    for (PlanGrid g : grids) {
      byCommunity.computeIfAbsent(g.communityCode(), c -> new LinkedHashMap<>()).put(g.key(), g.boundary());
    }
    List<PlanValidationView.Problem> problems = new ArrayList<>();
    boolean[] blocked = {false};
    byCommunity.forEach(
        (community, children) -> {
          for (CoverageProblem p : coverage.check(d.communities.get(community), children)) {
            blocked[0] |= p.blocks();
            problems.add(
                new PlanValidationView.Problem(
                    p.kind().name(), p.severity().name(), p.codes(), p.message(), p.areaSquareMetres(), p.geometry()));
          }
        });
    problems.sort(Comparator.comparing(PlanValidationView.Problem::severity).thenComparing(PlanValidationView.Problem::kind));
    return new PlanValidationView(!blocked[0], problems, List.of());
  }

  // --- edits, undo, redo -------------------------------------------------------------------

  /** The outcome of an edit: grids removed (states before) and added (states after). */
  private record Change(List<PlanGrid> removed, List<PlanGrid> added, String summary) {}

  /** Applies one edit (body as in the README); bad input changes nothing (400 naming the field). */
  @Transactional
  public PlanView edit(long id, JsonNode body) {
    Jurisdiction j = editor("edit plans");
    PlanRow p = editable(id, j);
    if (body == null || !body.isObject()) {
      throw new InvalidInputException("body", "is missing: send the edit as a JSON object");
    }
    String kind = body.path("kind").asString("");
    List<PlanGrid> grids = store.grids(id);
    Map<String, PlanGrid> byKey = new LinkedHashMap<>();
    grids.forEach(g -> byKey.put(g.key(), g));
    PlanImpacts.AreaData d = impacts.data(id, p.areaCode(), () -> store.base(id));
    Change change =
        switch (kind) {
          case "REPLACE" -> replace(id, body, byKey);
          case "SPLIT" -> split(id, body, byKey, d);
          case "MERGE" -> merge(id, body, byKey);
          case "MOVE_EDGE" -> moveEdge(body, byKey);
          case "AUTO_SPLIT" -> autoSplit(id, body, byKey, d);
          case "RENAME" -> rename(body, byKey);
          case "" -> throw new InvalidInputException("kind", "is required: REPLACE, SPLIT, MERGE, MOVE_EDGE, AUTO_SPLIT or RENAME");
          default -> throw new InvalidInputException(
              "kind", "must be REPLACE, SPLIT, MERGE, MOVE_EDGE, AUTO_SPLIT or RENAME, got '" + kind + "'");
        };
    change = withSharedVertices(change, byKey);
    Instant now = Instant.now();
    store.replaceGrids(id, change.removed(), change.added());
    int seq = store.insertEdit(id, kind, j.username(), now, change.summary(), change.removed(), change.added());
    store.touch(id, now);
    audit.change(
        "PLAN_EDITED",
        "plan",
        Long.toString(id),
        p.areaCode(),
        Map.of("grids", change.removed().stream().map(PlanGrid::key).toList()),
        Map.of("seq", seq, "kind", kind, "summary", change.summary(), "grids", change.added().stream().map(PlanGrid::key).toList()));
    return build(store.plan(id).orElseThrow());
  }

  /**
   * Neighbours of the edited grids gain the vertices where a cut or a moved edge ended on their
   * common edge ({@link BoundaryEdits#shareVertices}), so the plan stays a coverage that JTS's
   * CoverageValidator accepts (no T-junctions). Such a neighbour keeps its shape (to rounding) but
   * its boundary did change, so it is part of the edit (undone with it) and gets a new version
   * when the plan is published.
   */
  private static Change withSharedVertices(Change change, Map<String, PlanGrid> byKey) {
    if (change.added().isEmpty()) {
      return change;
    }
    Envelope reach = new Envelope();
    change.added().forEach(g -> reach.expandToInclude(g.boundary().getEnvelopeInternal()));
    Set<String> removedKeys = new HashSet<>();
    change.removed().forEach(g -> removedKeys.add(g.key()));
    Map<String, PlanGrid> neighbours = new LinkedHashMap<>();
    Map<String, Geometry> local = new LinkedHashMap<>();
    for (PlanGrid g : byKey.values()) {
      if (!removedKeys.contains(g.key()) && g.boundary().getEnvelopeInternal().intersects(reach)) {
        neighbours.put(g.key(), g);
        local.put(g.key(), g.boundary());
      }
    }
    change.added().forEach(g -> local.put(g.key(), g.boundary()));
    Map<String, Geometry> shared = BoundaryEdits.shareVertices(local);
    List<PlanGrid> removed = new ArrayList<>(change.removed());
    List<PlanGrid> added = new ArrayList<>();
    change.added().forEach(g -> added.add(g.withBoundary(shared.get(g.key()))));
    neighbours.forEach(
        (key, g) -> {
          Geometry after = shared.get(key);
          if (after != g.boundary()) {
            removed.add(g);
            added.add(g.withBoundary(after));
          }
        });
    return new Change(removed, added, change.summary());
  }

  private static PlanGrid grid(JsonNode body, String field, Map<String, PlanGrid> byKey) {
    JsonNode node = body.get(field);
    if (node == null || !node.isString() || node.asString().isBlank()) {
      throw new InvalidInputException(field, "is required: the key of a grid of the plan (k1, k2, ...)");
    }
    PlanGrid g = byKey.get(node.asString());
    if (g == null) {
      throw new InvalidInputException(field, "'" + node.asString() + "' is not a grid of this plan");
    }
    return g;
  }

  private static List<PlanGrid> gridList(JsonNode body, Map<String, PlanGrid> byKey, int min, int max) {
    JsonNode node = body.get("grids");
    if (node == null || !node.isArray()) {
      throw new InvalidInputException("grids", "is required: an array of grid keys of the plan");
    }
    List<PlanGrid> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      String key = node.get(i).asString("");
      PlanGrid g = byKey.get(key);
      if (g == null) {
        throw new InvalidInputException("grids", "'" + key + "' is not a grid of this plan");
      }
      if (!seen.add(key)) {
        throw new InvalidInputException("grids", "'" + key + "' is listed twice");
      }
      out.add(g);
    }
    if (out.size() < min || out.size() > max) {
      throw new InvalidInputException(
          "grids", min == max ? "must list exactly " + min + " grids" : "must list " + min + " to " + max + " grids, got " + out.size());
    }
    return out;
  }

  private Change replace(long id, JsonNode body, Map<String, PlanGrid> byKey) {
    PlanGrid g = grid(body, "grid", byKey);
    Geometry boundary = GeoJsonInput.polygonal(body.get("boundary"), "boundary");
    Envelope reach = new Envelope(boundary.getEnvelopeInternal());
    reach.expandToInclude(g.boundary().getEnvelopeInternal());
    Map<String, Geometry> neighbours = new LinkedHashMap<>();
    // The edited grid first, then its community's grids and any other grid the edit may reach.
    neighbours.put(g.key(), g.boundary());
    for (PlanGrid other : byKey.values()) {
      if (other.communityCode().equals(g.communityCode()) || other.boundary().getEnvelopeInternal().intersects(reach)) {
        neighbours.put(other.key(), other.boundary());
      }
    }
    Map<String, Geometry> result;
    try {
      result = BoundaryEdits.replace(g.key(), boundary, neighbours);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("boundary", e.getMessage());
    }
    List<PlanGrid> removed = new ArrayList<>();
    List<PlanGrid> added = new ArrayList<>();
    result.forEach(
        (key, geometry) -> {
          PlanGrid before = byKey.get(key);
          if (before == null || geometry.equalsExact(before.boundary())) {
            return;
          }
          removed.add(before);
          if (!geometry.isEmpty()) {
            added.add(before.withBoundary(withSrid(geometry)));
          }
        });
    if (added.stream().noneMatch(a -> a.key().equals(g.key()))) {
      throw new InvalidInputException("boundary", "leaves grid " + g.key() + " empty or unchanged");
    }
    return new Change(removed, added, "Replaced the boundary of " + label(g) + (removed.size() > 1 ? "; neighbours adjusted: " + keys(removed, g) : ""));
  }

  private Change split(long id, JsonNode body, Map<String, PlanGrid> byKey, PlanImpacts.AreaData d) {
    PlanGrid g = grid(body, "grid", byKey);
    LineString line = GeoJsonInput.lineString(body.get("line"), "line");
    List<Polygon> parts;
    try {
      parts = BoundaryEdits.split(g.boundary(), line);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("line", e.getMessage());
    }
    List<Geometry> geometries = new ArrayList<>(parts);
    List<PlanGrid> added = divide(id, g, geometries, d);
    return new Change(List.of(g), added, "Split " + label(g) + " into " + added.size() + " parts: " + added.stream().map(PlanGrid::key).toList());
  }

  private Change autoSplit(long id, JsonNode body, Map<String, PlanGrid> byKey, PlanImpacts.AreaData d) {
    PlanGrid g = grid(body, "grid", byKey);
    JsonNode partsNode = body.get("parts");
    if (partsNode == null || !partsNode.isIntegralNumber() || partsNode.asInt() < 2 || partsNode.asInt() > MAX_AUTO_PARTS) {
      throw new InvalidInputException("parts", "must be a whole number from 2 to " + MAX_AUTO_PARTS);
    }
    int k = partsNode.asInt();
    var locator = new IndexedPointInAreaLocator(g.boundary());
    List<Integer> inside = new ArrayList<>();
    for (int i = 0; i < d.ids.length; i++) {
      if (locator.locate(new Coordinate(d.lon[i], d.lat[i])) != Location.EXTERIOR) {
        inside.add(i);
      }
    }
    double[] lons = inside.stream().mapToDouble(i -> d.lon[i]).toArray();
    double[] lats = inside.stream().mapToDouble(i -> d.lat[i]).toArray();
    int[] households = inside.stream().mapToInt(i -> d.households[i]).toArray();
    Geometry community = d.communities.get(g.communityCode());
    // A grid inside its community (to a square metre) is its own region: clipping it would only
    // add floating-point slivers along the shared outline.
    if (community != null && outsideSquareMetres(g.boundary(), community) < 1.0) {
      community = null;
    }
    BalancedSplit split;
    try {
      split = BoundaryEdits.balancedSplit(g.boundary(), community, lons, lats, households, k);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("parts", e.getMessage());
    }
    List<PlanGrid> added = divide(id, g, new ArrayList<Geometry>(split.parts()), d);
    return new Change(
        List.of(g),
        added,
        "Auto-split " + label(g) + " into " + k + " parts balanced by households " + java.util.Arrays.toString(split.householdsPerPart())
            + ", imbalance " + Math.round(split.imbalance() * 1000) / 10.0 + " %: " + added.stream().map(PlanGrid::key).toList());
  }

  /** Area of {@code g} outside {@code container} in m² (equirectangular at the centre latitude: fine at grid scale). */
  private static double outsideSquareMetres(Geometry g, Geometry container) {
    double lat = Math.toRadians(g.getEnvelopeInternal().centre().y);
    double metresPerDegree = Math.toRadians(org.wangge.spatial.Wgs84.EARTH_RADIUS_METRES);
    return g.difference(container).getArea() * metresPerDegree * metresPerDegree * Math.cos(lat);
  }

  /** New grids for the parts of a grid: the part with most households keeps its code and name. */
  private List<PlanGrid> divide(long id, PlanGrid g, List<Geometry> parts, PlanImpacts.AreaData d) {
    int keeper = 0;
    int most = -1;
    for (int i = 0; i < parts.size(); i++) {
      int h = PlanImpacts.householdsIn(d, parts.get(i));
      if (h > most) {
        most = h;
        keeper = i;
      }
    }
    List<String> keys = store.newKeys(id, parts.size());
    List<PlanGrid> added = new ArrayList<>();
    int n = 2;
    for (int i = 0; i < parts.size(); i++) {
      boolean keeps = i == keeper;
      added.add(
          new PlanGrid(
              keys.get(i),
              keeps ? g.code() : null,
              keeps ? g.name() : g.name() + "-" + n++,
              g.communityCode(),
              g.baseCodes(),
              withSrid(parts.get(i))));
    }
    return added;
  }

  private Change merge(long id, JsonNode body, Map<String, PlanGrid> byKey) {
    List<PlanGrid> grids = gridList(body, byKey, 2, 50);
    String community = grids.getFirst().communityCode();
    if (grids.stream().anyMatch(g -> !g.communityCode().equals(community))) {
      throw new InvalidInputException("grids", "must all lie in one community (a grid belongs to exactly one)");
    }
    Geometry merged;
    try {
      merged = BoundaryEdits.merge(grids.stream().map(PlanGrid::boundary).toList());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("grids", e.getMessage());
    }
    PlanGrid keeper =
        grids.stream()
            .filter(g -> g.code() != null)
            .min(Comparator.comparing(PlanGrid::code))
            .orElse(grids.getFirst());
    Set<String> baseCodes = new TreeSet<>();
    grids.forEach(g -> baseCodes.addAll(g.baseCodes()));
    String key = store.newKeys(id, 1).getFirst();
    PlanGrid result = new PlanGrid(key, keeper.code(), keeper.name(), community, List.copyOf(baseCodes), withSrid(merged));
    return new Change(grids, List.of(result), "Merged " + grids.stream().map(PlanService::label).toList() + " into " + key);
  }

  private Change moveEdge(JsonNode body, Map<String, PlanGrid> byKey) {
    List<PlanGrid> grids = gridList(body, byKey, 2, 2);
    LineString line = GeoJsonInput.lineString(body.get("line"), "line");
    List<Geometry> result;
    try {
      result = BoundaryEdits.moveSharedEdge(grids.get(0).boundary(), grids.get(1).boundary(), line);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("line", e.getMessage());
    }
    return new Change(
        grids,
        List.of(grids.get(0).withBoundary(withSrid(result.get(0))), grids.get(1).withBoundary(withSrid(result.get(1)))),
        "Moved the edge between " + label(grids.get(0)) + " and " + label(grids.get(1)));
  }

  private Change rename(JsonNode body, Map<String, PlanGrid> byKey) {
    PlanGrid g = grid(body, "grid", byKey);
    String name = body.path("name").asString("").trim();
    if (name.isEmpty()) {
      throw new InvalidInputException("name", "is required");
    }
    if (name.length() > MAX_NAME) {
      throw new InvalidInputException("name", "is longer than " + MAX_NAME + " characters");
    }
    if (name.equals(g.name())) {
      throw new InvalidInputException("name", "is already the grid's name");
    }
    var renamed = new PlanGrid(g.key(), g.code(), name, g.communityCode(), g.baseCodes(), g.boundary());
    return new Change(List.of(g), List.of(renamed), "Renamed " + label(g) + " to " + name);
  }

  private static String label(PlanGrid g) {
    return g.key() + (g.code() == null ? "" : " (" + g.code() + ")");
  }

  private static String keys(List<PlanGrid> grids, PlanGrid except) {
    return grids.stream().filter(x -> !x.key().equals(except.key())).map(PlanGrid::key).toList().toString();
  }

  private static Geometry withSrid(Geometry g) {
    Geometry copy = org.wangge.spatial.Wgs84.FACTORY.createGeometry(g);
    copy.setSRID(org.wangge.spatial.Wgs84.SRID);
    return copy;
  }

  /** Undoes the latest edit in effect (409 when there is none). */
  @Transactional
  public PlanView undo(long id) {
    Jurisdiction j = editor("edit plans");
    PlanRow p = editable(id, j);
    EditRow last =
        store.edits(id).stream()
            .filter(e -> !e.undone())
            .max(Comparator.comparingInt(EditRow::seq))
            .orElseThrow(() -> new StateConflict("Plan " + id + " has no edit to undo."));
    store.replaceGrids(id, last.added(), last.removed());
    Instant now = Instant.now();
    store.setUndone(id, last.seq(), true, j.username(), now);
    store.touch(id, now);
    audit.change("PLAN_UNDONE", "plan", Long.toString(id), p.areaCode(), Map.of("seq", last.seq(), "undone", false), Map.of("seq", last.seq(), "undone", true));
    return build(store.plan(id).orElseThrow());
  }

  /** Redoes the earliest undone edit still reachable (409 when there is none). */
  @Transactional
  public PlanView redo(long id) {
    Jurisdiction j = editor("edit plans");
    PlanRow p = editable(id, j);
    EditRow next =
        store.edits(id).stream()
            .filter(e -> e.undone() && !e.dropped())
            .min(Comparator.comparingInt(EditRow::seq))
            .orElseThrow(() -> new StateConflict("Plan " + id + " has no undone edit to redo."));
    store.replaceGrids(id, next.removed(), next.added());
    Instant now = Instant.now();
    store.setUndone(id, next.seq(), false, j.username(), now);
    store.touch(id, now);
    audit.change("PLAN_REDONE", "plan", Long.toString(id), p.areaCode(), Map.of("seq", next.seq(), "undone", true), Map.of("seq", next.seq(), "undone", false));
    return build(store.plan(id).orElseThrow());
  }

  /**
   * Abandons a draft: it keeps its grids and history but can no longer be edited or published (409
   * for a plan that is not a draft). Audited as PLAN_ABANDONED.
   */
  @Transactional
  public PlanView abandon(long id) {
    Jurisdiction j = editor("abandon plans");
    PlanRow p = editable(id, j);
    Instant now = Instant.now();
    store.abandoned(id, now);
    audit.change("PLAN_ABANDONED", "plan", Long.toString(id), p.areaCode(), Map.of("status", "DRAFT"), Map.of("status", "ABANDONED"));
    return build(store.plan(id).orElseThrow());
  }

  // --- publish ----------------------------------------------------------------------------

  /** How open cases are treated when a plan is published. */
  public enum OpenCases {
    /** Each open case whose point now lies in another grid moves to that grid's new row, with a timeline entry. */
    REROUTE,
    /** Open cases stay on the grid rows they were routed to. */
    KEEP
  }

  /**
   * Publishes a valid draft as new grid versions from {@code validFrom} ({@code null}: now; not in
   * the future; after the versions it closes began). 422 when invalid, 409 with the conflicting
   * grids when another publish changed a grid this plan changes since it started.
   */
  @Transactional
  public PublishResult publish(long id, Instant validFromOrNull, OpenCases openCases) {
    long t0 = System.nanoTime();
    // Publishing re-routes open cases and rewrites the grid layer: the request-sized bounds do not apply.
    longWork.extend();
    Jurisdiction j = editor("publish plans");
    PlanRow p = editable(id, j);
    if (openCases == null) {
      throw new InvalidInputException("openCases", "is required: REROUTE or KEEP");
    }
    Instant now = Instant.now();
    Instant validFrom = validFromOrNull == null ? now : validFromOrNull;
    if (validFrom.isAfter(now.plus(FUTURE_SLACK))) {
      throw new InvalidInputException(
          "validFrom", "must not lie in the future (a scheduled switch is not supported): publish at or before now, got " + validFrom);
    }
    // Publishes are serialised from here (the boundary stamp's row lock), so the conflict check
    // below sees every publish that committed before this one writes.
    versions.bumpStamp();
    List<BaseGrid> base = store.base(id);
    List<PlanGrid> grids = store.grids(id);
    PlanImpacts.AreaData d = impacts.data(id, p.areaCode(), base);
    PlanValidationView validation = validate(d, grids);
    if (!validation.valid()) {
      throw new Invalid(validation);
    }
    long tValidated = System.nanoTime();
    PlanImpacts.Computed computed = impacts.compute(d, grids, p.areaCode());
    long tImpact = System.nanoTime();

    // Which codes the plan touches, and whether someone else changed them since the plan started.
    Set<String> unchangedCodes = new HashSet<>();
    Set<String> planCodes = new HashSet<>();
    for (PlanGrid g : grids) {
      if (g.code() != null) {
        planCodes.add(g.code());
      }
      if (!computed.changedKeys().contains(g.key())) {
        unchangedCodes.add(g.code());
      }
    }
    Map<String, BaseGrid> baseByCode = new HashMap<>();
    base.forEach(b -> baseByCode.put(b.code(), b));
    Set<String> touched = new TreeSet<>();
    base.stream().map(BaseGrid::code).filter(c -> !unchangedCodes.contains(c)).forEach(touched::add);
    grids.stream().filter(g -> g.code() != null && computed.changedKeys().contains(g.key())).forEach(g -> touched.add(g.code()));
    Map<String, GridVersion> current = new HashMap<>();
    versions.current(List.copyOf(touched)).forEach(v -> current.put(v.code(), v));
    List<Conflict> conflicts = new ArrayList<>();
    for (String code : touched) {
      BaseGrid b = baseByCode.get(code);
      GridVersion now1 = current.get(code);
      boolean changedSince = b == null ? now1 != null : now1 == null || now1.id() != b.areaId();
      if (changedSince) {
        var last = store.lastPublicationOf(code);
        conflicts.add(
            last.map(r -> new Conflict(code, (Long) r[0], (String) r[1], (Instant) r[2])).orElse(new Conflict(code, null, null, null)));
      }
    }
    if (!conflicts.isEmpty()) {
      throw new BoundaryConflict(conflicts);
    }
    for (GridVersion v : current.values()) {
      if (!validFrom.isAfter(v.validFrom())) {
        throw new InvalidInputException(
            "validFrom", "must be after " + v.validFrom() + ", when the current version of grid " + v.code() + " began; got " + validFrom);
      }
    }

    // Numbering: new grids take the next sequences never used in their community.
    Map<String, String> finalCode = new HashMap<>();
    Map<String, Map<String, Geometry>> newByCommunity = new LinkedHashMap<>();
    for (PlanGrid g : grids) {
      if (g.code() != null) {
        finalCode.put(g.key(), g.code());
      } else {
        newByCommunity.computeIfAbsent(g.communityCode(), c -> new LinkedHashMap<>()).put(g.key(), g.boundary());
      }
    }
    for (var entry : newByCommunity.entrySet()) {
      String community = entry.getKey();
      String max = store.maxGridCode(community);
      int seq = max == null ? 0 : Integer.parseInt(max.substring(12));
      for (String code : planCodes) {
        if (code.startsWith(community) && code.length() == 15) {
          seq = Math.max(seq, Integer.parseInt(code.substring(12)));
        }
      }
      for (String key : GridNumbering.order(entry.getValue())) {
        seq++;
        if (seq > 999) {
          throw new InvalidInputException("grids", "community " + community + " has no 3-digit grid sequence left");
        }
        finalCode.put(key, community + String.format("%03d", seq));
      }
    }
    List<BoundaryVersions.NewVersion> newVersions = new ArrayList<>();
    for (PlanGrid g : grids) {
      if (computed.changedKeys().contains(g.key())) {
        int[] f = computed.figures().get(g.key());
        newVersions.add(new BoundaryVersions.NewVersion(finalCode.get(g.key()), g.name(), g.communityCode(), g.boundary(), f[0], f[1]));
      }
    }
    Set<String> finalCodes = new HashSet<>(finalCode.values());
    List<String> retired = base.stream().map(BaseGrid::code).filter(c -> !finalCodes.contains(c)).toList();
    long tChecked = System.nanoTime();
    Map<String, long[]> written = versions.publish(newVersions, retired, validFrom);
    long tWritten = System.nanoTime();

    Map<String, List<Long>> addressMoves = new LinkedHashMap<>();
    computed.movedAddressIds().forEach((key, ids) -> addressMoves.put(finalCode.get(key), ids));
    addresses.assignGrids(addressMoves);

    int rerouted = 0;
    if (openCases == OpenCases.REROUTE) {
      List<CaseRerouting.Move> moves = new ArrayList<>();
      computed.movedCases().forEach(
          (caseId, key) -> {
            String code = finalCode.get(key);
            long[] row = written.get(code);
            if (row != null) {
              moves.add(new CaseRerouting.Move(caseId, row[0], code, (int) row[1]));
            }
          });
      rerouted = rerouting.reroute(moves, "Grid boundaries re-drawn by plan " + id + " (" + p.name() + ")");
    }
    long tRerouted = System.nanoTime();
    store.published(id, j.username(), now, validFrom);
    store.assignCodes(id, finalCode);
    Map<String, Long> rows = new LinkedHashMap<>();
    written.forEach((code, row) -> rows.put(code, row[0]));
    store.recordPublication(id, rows, retired);

    Map<String, Integer> baseVersion = new HashMap<>();
    base.forEach(b -> baseVersion.put(b.code(), b.version()));
    List<PublishResult.Grid> result =
        grids.stream()
            .map(
                g -> {
                  String code = finalCode.get(g.key());
                  long[] row = written.get(code);
                  return new PublishResult.Grid(g.key(), code, row != null ? (int) row[1] : baseVersion.getOrDefault(code, 0));
                })
            .toList();
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("validFrom", validFrom.toString());
    after.put("openCases", openCases.name());
    after.put("newVersions", written.keySet());
    after.put("retiredCodes", retired);
    after.put("reroutedCases", rerouted);
    audit.change("PLAN_PUBLISHED", "plan", Long.toString(id), p.areaCode(), Map.of("status", "DRAFT"), after);
    log.info(
        "Published plan {}: {} new versions, {} retired, {} cases rerouted in {} ms (validate {}, impact {}, checks {}, versions {}, addresses and cases {})",
        id, written.size(), retired.size(), rerouted, (System.nanoTime() - t0) / 1_000_000, (tValidated - t0) / 1_000_000,
        (tImpact - tValidated) / 1_000_000, (tChecked - tImpact) / 1_000_000, (tWritten - tChecked) / 1_000_000,
        (tRerouted - tWritten) / 1_000_000);
    return new PublishResult(id, validFrom, result, retired, rerouted);
  }

  // --- history -------------------------------------------------------------------------------

  /** Properties of a grid version in the history. */
  public record VersionProperties(String code, String name, int version, Instant validFrom, Instant validTo, int households, int residents) {}

  /** The grids of an area valid at a time (any role that reads plans; inside the jurisdiction). */
  @Transactional(readOnly = true)
  public FeatureCollection<VersionProperties> gridsAt(String areaCode, Instant at) {
    Jurisdiction j = reader();
    if (areaCode == null || !areaCode.matches("\\d{4}|\\d{6}|\\d{9}|\\d{12}|\\d{15}")) {
      throw new InvalidInputException("areaCode", "must be an area code of 4, 6, 9, 12 or 15 digits, got '" + areaCode + "'");
    }
    if (at == null) {
      throw new InvalidInputException("at", "is required: an ISO-8601 instant such as 2026-05-01T00:00:00Z");
    }
    if (!j.covers(areaCode)) {
      throw new NotFoundException("No area " + areaCode + " in your jurisdiction.");
    }
    return FeatureCollection.of(
        versions.gridsAt(areaCode, at).stream()
            .map(
                v ->
                    Feature.of(
                        v.code(),
                        (Geometry) v.boundary(),
                        new VersionProperties(v.code(), v.name(), v.version(), v.validFrom(), v.validTo(), v.households(), v.residents())))
            .toList());
  }
}
