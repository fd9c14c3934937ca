package org.wangge.dispatch;

import java.util.Collection;
import java.util.Map;

/**
 * How many open cases each member holds: the workload tie-break among equals. Implemented by the
 * incident feature, which owns the cases, so dispatch does not depend on it.
 */
public interface OpenCases {

  /** Open cases per member id; members without open cases may be absent. */
  Map<Long, Integer> countByAssignee(Collection<Long> memberIds);
}
