package org.wangge.exchange;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/imports}: upload a GIS file, dry-run its mapping, commit it (contract §4). ADMIN
 * imports anything anywhere; PLANNER areas and addresses inside their jurisdiction; others 403.
 */
@RestController
@RequestMapping("/api/imports")
class ImportController {

  private final ImportService imports;

  ImportController(ImportService imports) {
    this.imports = imports;
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<ImportView> upload(
      @RequestParam(name = "file", required = false) MultipartFile file,
      @RequestParam(name = "encoding", required = false) String encoding) {
    return ResponseEntity.status(HttpStatus.CREATED).body(imports.upload(file, encoding));
  }

  @GetMapping
  List<ImportView> list() {
    return imports.list();
  }

  @GetMapping("/{id}")
  ImportView get(@PathVariable String id) {
    return imports.get(id);
  }

  @PostMapping("/{id}/dry-run")
  ResponseEntity<ImportView> dryRun(@PathVariable String id, @RequestBody(required = false) DryRunRequest request) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(imports.dryRun(id, request));
  }

  @PostMapping("/{id}/commit")
  ResponseEntity<ImportView> commit(@PathVariable String id, @RequestBody(required = false) Map<String, Object> body) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(imports.commit(id));
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable String id) {
    imports.delete(id);
    return ResponseEntity.noContent().build();
  }

  @ExceptionHandler(ImportConflictException.class)
  ResponseEntity<ProblemDetail> conflict(ImportConflictException e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setTitle("Conflict");
    return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
  }

  @ExceptionHandler(UploadTooLargeException.class)
  ResponseEntity<ProblemDetail> tooLarge(UploadTooLargeException e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    problem.setTitle("Upload too large");
    problem.setProperties(Map.of("field", "file"));
    return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
  }
}
