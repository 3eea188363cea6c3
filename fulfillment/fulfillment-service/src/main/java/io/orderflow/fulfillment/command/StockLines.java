package io.orderflow.fulfillment.command;

import io.orderflow.fulfillment.api.StockLine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The goods of a command: checked, one line per SKU, and in the order their stock items are locked. */
final class StockLines {

    private StockLines() {
    }

    /**
     * @param lines goods as a sender listed them
     * @return the same goods with the quantities of repeated SKUs added up, in the order of first appearance
     * @throws IllegalArgumentException when there are no lines, or a line lacks a SKU or a positive quantity
     */
    static List<StockLine> normalized(List<StockLine> lines) {
        if (lines == null || lines.isEmpty()) {
            throw new IllegalArgumentException("At least one line is required");
        }
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (StockLine line : lines) {
            if (line == null || line.sku() == null || line.sku().isBlank() || line.quantity() < 1) {
                throw new IllegalArgumentException("Every line needs a SKU and a quantity of at least 1: " + line);
            }
            quantities.merge(line.sku(), line.quantity(), Math::addExact);
        }
        List<StockLine> result = new ArrayList<>();
        quantities.forEach((sku, quantity) -> result.add(new StockLine(sku, quantity)));
        return List.copyOf(result);
    }

    /**
     * Stock items are always locked in SKU order, so two commands that touch the same SKUs cannot each hold one the
     * other waits for.
     */
    static List<StockLine> inLockOrder(List<StockLine> lines) {
        return lines.stream().sorted(Comparator.comparing(StockLine::sku)).toList();
    }

    static boolean sameGoods(List<StockLine> some, List<StockLine> others) {
        return Objects.equals(bySku(some), bySku(others));
    }

    private static Map<String, Integer> bySku(List<StockLine> lines) {
        Map<String, Integer> quantities = new LinkedHashMap<>();
        lines.forEach(line -> quantities.merge(line.sku(), line.quantity(), Integer::sum));
        return quantities;
    }
}
