package io.orderflow.platform.web;

import tools.jackson.core.JacksonException;
import jakarta.validation.ConstraintViolationException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One mapping of failures to {@code application/problem+json} for every service.
 * <ul>
 *     <li>Invalid input: 400 with {@code errors}, a map from each bad field to what is wrong with it.</li>
 *     <li>A domain refusal: a command execution failure whose details are an error code enum of an {@code *-api}
 *     module; codes ending in {@code _NOT_FOUND} answer 404, the others 409. The code is in {@code code}.</li>
 *     <li>Unknown ids on the query side: 404.</li>
 *     <li>A customer reaching for what is not theirs: 403.</li>
 * </ul>
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        ex.getBindingResult().getFieldErrors()
          .forEach(error -> errors.merge(error.getField(), error.getDefaultMessage(), (a, b) -> a + "; " + b));
        ex.getBindingResult().getGlobalErrors()
          .forEach(error -> errors.merge(error.getObjectName(), error.getDefaultMessage(), (a, b) -> a + "; " + b));
        return badRequest("Invalid request: " + describe(errors), errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(
                error -> errors.merge(result.getMethodParameter().getParameterName(), error.getDefaultMessage(),
                                      (a, b) -> a + "; " + b)));
        return badRequest("Invalid request: " + describe(errors), errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        if (ex.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            String field = jackson.getPath().stream()
                                  .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                                  .collect(Collectors.joining(".")).replace(".[", "[");
            return badRequest("Invalid request: " + field + " has a value of the wrong type or format",
                              Map.of(field, "wrong type or format"));
        }
        return badRequest("The request body is missing or is not valid JSON", Map.of());
    }

    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex) {
        Map<String, String> errors = new LinkedHashMap<>();
        ex.getConstraintViolations().forEach(violation -> {
            String path = violation.getPropertyPath().toString();
            errors.merge(path.substring(path.lastIndexOf('.') + 1), violation.getMessage(), (a, b) -> a + "; " + b);
        });
        return badRequest("Invalid request: " + describe(errors), errors);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<Object> handleTypeMismatch(MethodArgumentTypeMismatchException ex) {
        return badRequest("Invalid request: " + ex.getName() + " has a value of the wrong type or format",
                          Map.of(ex.getName(), "wrong type or format"));
    }

    @ExceptionHandler(CommandExecutionException.class)
    public ResponseEntity<Object> handleCommandExecution(CommandExecutionException ex) {
        Object details = ex.getDetails().orElse(null);
        if (details instanceof Enum<?> code) {
            HttpStatus status = code.name().endsWith("_NOT_FOUND") ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
            problem.setProperty("code", code.name());
            return ResponseEntity.status(status).body(problem);
        }
        throw ex;
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    public ResponseEntity<Object> handleAggregateNotFound(AggregateNotFoundException ex) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                             .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                                                                    "No " + ex.getAggregateIdentifier() + " here"));
    }

    @ExceptionHandler(NotFoundException.class)
    public ResponseEntity<Object> handleNotFound(NotFoundException ex) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                             .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage()));
    }

    @ExceptionHandler(ForbiddenException.class)
    public ResponseEntity<Object> handleForbidden(ForbiddenException ex) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                             .body(ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage()));
    }

    @ExceptionHandler(ServiceBusyException.class)
    public ResponseEntity<Object> handleServiceBusy(ServiceBusyException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
        problem.setProperty("code", ex.code());
        long seconds = Math.max(1, (ex.retryAfter().toMillis() + 999) / 1000);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                             .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                             .body(problem);
    }

    private static ResponseEntity<Object> badRequest(String detail, Map<String, String> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Bad Request");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    private static String describe(Map<String, String> errors) {
        List<String> parts = errors.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList();
        return String.join(", ", parts);
    }
}
