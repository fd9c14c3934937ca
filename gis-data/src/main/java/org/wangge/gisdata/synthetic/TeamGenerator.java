package org.wangge.gisdata.synthetic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Location;
import org.wangge.gisdata.model.MemberRecord;
import org.wangge.gisdata.model.MemberRole;

/**
 * Grid teams, "1+1+N": per grid one grid leader, one full-time member, 1–4 part-time members and
 * 0–2 each of building leaders and joint-household leaders. A few grids are deliberately imperfect,
 * for the coverage features: {@link #withoutFullTime} grids (1%) have no full-time member and
 * {@link #withoutLeader} other grids (0.5%) have no leader.
 *
 * <p>Member codes are "M" + grid code + a 2-digit sequence. 8% of part-time members also serve the
 * next grid of their community. About 70% of full-time members and 40% of the others are on duty,
 * with a last known position strictly inside their grid taken in the six hours before the as-of day
 * starts; the others have no position. Phones are unique 11-digit mobile numbers.
 */
final class TeamGenerator {

  private TeamGenerator() {}

  /** Number of grids without a full-time member: 1%, rounded. */
  static int withoutFullTime(int grids) {
    return (int) Math.round(grids * 0.01);
  }

  /** Number of grids without a grid leader: 0.5%, rounded (distinct from the above). */
  static int withoutLeader(int grids) {
    return (int) Math.round(grids * 0.005);
  }

  private static final String[] MOBILE_PREFIXES = {
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152",
    "153", "155", "156", "157", "158", "159", "180", "181", "182", "183", "184", "185", "186",
    "187", "188", "189"
  };

  static List<MemberRecord> generate(AreaTree tree, Instant asOfStart, long seed) {
    List<AreaTree.Node> grids = tree.grids;
    int g = grids.size();
    int[] shuffled = new int[g];
    for (int i = 0; i < g; i++) {
      shuffled[i] = i;
    }
    SplittableRandom pick = Hashing.stream(seed, "imperfect-teams");
    for (int i = g - 1; i > 0; i--) {
      int j = pick.nextInt(i + 1);
      int t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
    boolean[] noFullTime = new boolean[g];
    boolean[] noLeader = new boolean[g];
    int a = withoutFullTime(g);
    int b = withoutLeader(g);
    for (int k = 0; k < a + b; k++) {
      (k < a ? noFullTime : noLeader)[shuffled[k]] = true;
    }
    double[] surnames = Hashing.cumulative(Names.SURNAME_WEIGHTS);
    TreeSet<String> phones = new TreeSet<>();
    List<MemberRecord> members = new ArrayList<>(g * 6);
    for (int i = 0; i < g; i++) {
      AreaTree.Node grid = grids.get(i);
      SplittableRandom random = Hashing.stream(seed, "team", i);
      List<MemberRole> roles = new ArrayList<>();
      if (!noLeader[i]) {
        roles.add(MemberRole.GRID_LEADER);
      }
      if (!noFullTime[i]) {
        roles.add(MemberRole.FULL_TIME);
      }
      double u = random.nextDouble();
      int partTime = u < 0.2 ? 1 : u < 0.55 ? 2 : u < 0.85 ? 3 : 4;
      for (int k = 0; k < partTime; k++) {
        roles.add(MemberRole.PART_TIME);
      }
      for (int k = random.nextInt(3); k > 0; k--) {
        roles.add(MemberRole.BUILDING_LEADER);
      }
      for (int k = random.nextInt(3); k > 0; k--) {
        roles.add(MemberRole.JOINT_HOUSEHOLD_LEADER);
      }
      IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(grid.polygon);
      Envelope env = grid.polygon.getEnvelopeInternal();
      String neighbour = neighbourInCommunity(grid);
      int seq = 0;
      for (MemberRole role : roles) {
        seq++;
        String phone;
        do {
          phone =
              MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)]
                  + String.format("%08d", random.nextInt(100_000_000));
        } while (!phones.add(phone));
        List<String> gridCodes =
            role == MemberRole.PART_TIME && neighbour != null && random.nextDouble() < 0.08
                ? List.of(grid.code, neighbour)
                : List.of(grid.code);
        boolean onDuty = random.nextDouble() < (role == MemberRole.FULL_TIME ? 0.7 : 0.4);
        Double lon = null;
        Double lat = null;
        Instant lastSeenAt = null;
        if (onDuty) {
          Coordinate c = new Coordinate();
          do {
            c.x = LocalProjection.snap(env.getMinX() + env.getWidth() * random.nextDouble());
            c.y = LocalProjection.snap(env.getMinY() + env.getHeight() * random.nextDouble());
          } while (locator.locate(c) != Location.INTERIOR);
          lon = c.x;
          lat = c.y;
          lastSeenAt = asOfStart.minusSeconds(60 + random.nextInt(6 * 3600 - 60));
        }
        members.add(
            new MemberRecord(
                "M" + grid.code + (seq < 10 ? "0" : "") + seq,
                Names.person(random, surnames),
                phone,
                role,
                gridCodes,
                onDuty,
                lon,
                lat,
                lastSeenAt));
      }
    }
    return members;
  }

  /** The next grid of the same community by code (the previous one for the last), or null. */
  private static String neighbourInCommunity(AreaTree.Node grid) {
    List<AreaTree.Node> siblings = grid.parent.children;
    if (siblings.size() < 2) {
      return null;
    }
    int k = siblings.indexOf(grid);
    return siblings.get(k + 1 < siblings.size() ? k + 1 : k - 1).code;
  }
}
