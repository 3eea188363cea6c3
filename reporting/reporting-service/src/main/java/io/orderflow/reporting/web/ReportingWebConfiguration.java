package io.orderflow.reporting.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** CSV besides JSON for every report, and 400 problem+json for parameters that do not fit together. */
@Configuration
public class ReportingWebConfiguration {

    @Bean
    public CsvMessageConverter csvMessageConverter() {
        return new CsvMessageConverter();
    }

    @RestControllerAdvice
    static class ReportParameterAdvice {

        @ExceptionHandler(BadReportParameterException.class)
        ResponseEntity<ProblemDetail> badParameter(BadReportParameterException ex) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                                                                     "Invalid request: " + ex.getMessage());
            problem.setTitle("Bad Request");
            problem.setProperty("errors", ex.errors());
            return ResponseEntity.badRequest().body(problem);
        }
    }
}
