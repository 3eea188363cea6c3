package io.orderflow.reporting.query;

import java.util.List;

/** A report that can also be written as a table (CSV): a header and rows of plain values. */
public interface Tabular {

    List<String> header();

    List<List<Object>> rows();
}
