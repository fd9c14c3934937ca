package org.wangge.field;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** This package's own refusals as RFC 9457 problem details. */
@RestControllerAdvice(assignableTypes = DeviceController.class)
class FieldProblems {

  @ExceptionHandler(DeviceRefused.class)
  ResponseEntity<ProblemDetail> deviceRefused(DeviceRefused e) {
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(deviceProblem(e.code(), e.getMessage()));
  }

  static ProblemDetail deviceProblem(String code, String detail) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
    problem.setTitle("Device not signed in");
    problem.setProperties(Map.of("code", code, "field", "deviceToken"));
    return problem;
  }
}
