package io.orderflow.reporting.web;

import java.util.Map;

/** A report's parameters are well-formed but do not fit together (e.g. a range that ends before it starts). */
class BadReportParameterException extends RuntimeException {

    private final Map<String, String> errors;

    BadReportParameterException(String field, String message) {
        super(field + " " + message);
        this.errors = Map.of(field, message);
    }

    Map<String, String> errors() {
        return errors;
    }
}
