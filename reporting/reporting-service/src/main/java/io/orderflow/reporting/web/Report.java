package io.orderflow.reporting.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.orderflow.reporting.query.Freshness;
import io.orderflow.reporting.query.Tabular;

import java.util.List;

/**
 * A report as answered: its own fields, plus how fresh the copy of the facts it was computed from is.
 *
 * @param report    the report's fields, at the top level of the JSON
 * @param freshness how fresh the answer is
 */
public record Report<T extends Tabular>(@JsonUnwrapped T report, Freshness freshness) implements Tabular {

    @Override
    public List<String> header() {
        return report.header();
    }

    @Override
    public List<List<Object>> rows() {
        return report.rows();
    }
}
