package io.orderflow.loadgen;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/** The two PNG plots, drawn with Java2D: latency over time, and throughput and p99 at increasing load. */
final class Plots {

    private static final int W = 1000;
    private static final int H = 520;
    private static final int LEFT = 80;
    private static final int RIGHT = 80;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final Color P50 = new Color(30, 90, 200);
    private static final Color P99 = new Color(210, 40, 40);
    private static final Color POINT = new Color(120, 120, 120, 60);

    private Plots() {
    }

    /** Each completed order as a dot (x: when it was due, y: place→completed), with p50 and p99 per second. */
    static void latencyOverTime(List<double[]> points, String title, Path file) throws IOException {
        double maxX = points.stream().mapToDouble(p -> p[0]).max().orElse(1);
        double[] ys = points.stream().mapToDouble(p -> p[1]).sorted().toArray();
        double maxY = ys.length == 0 ? 1 : Math.max(1, Math.min(ys[ys.length - 1], 3 * Percentiles.rank(ys, 99)) * 1.05);
        TreeMap<Integer, List<Double>> perSecond = new TreeMap<>();
        for (double[] p : points) {
            perSecond.computeIfAbsent((int) p[0], k -> new ArrayList<>()).add(p[1]);
        }
        Canvas c = new Canvas(title, "seconds since the run started (when the order was due)",
                              "place → completed (ms)", 0, maxX, 0, maxY, null);
        for (double[] p : points) {
            c.dot(p[0], Math.min(p[1], maxY), POINT, 3);
        }
        List<double[]> p50 = new ArrayList<>();
        List<double[]> p99 = new ArrayList<>();
        perSecond.forEach((second, values) -> {
            double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            p50.add(new double[] {second + 0.5, Percentiles.rank(v, 50)});
            p99.add(new double[] {second + 0.5, Math.min(maxY, Percentiles.rank(v, 99))});
        });
        c.line(p50, P50, false);
        c.line(p99, P99, false);
        c.legend(new String[] {"p50 per second", "p99 per second", "one completed order"}, new Color[] {P50, P99, Color.GRAY});
        c.write(file);
    }

    /**
     * @param offered   offered load per step (orders/s, or clients in closed loop)
     * @param completed completed orders/s per step
     * @param expected  completed orders/s the offered load asks for (offered × share of orders meant to complete), or null
     * @param p99       p99 place→completed per step, ms
     */
    static void throughputCurve(double[] offered, double[] completed, double[] expected, double[] p99, String xLabel,
                                String title, Path file) throws IOException {
        double maxX = Arrays.stream(offered).max().orElse(1) * 1.1;
        double maxY = Math.max(Arrays.stream(completed).max().orElse(1),
                               expected == null ? 0 : Arrays.stream(expected).max().orElse(0)) * 1.15;
        double maxY2 = Arrays.stream(p99).filter(v -> !Double.isNaN(v)).max().orElse(1) * 1.15;
        Canvas c = new Canvas(title, xLabel, "completed orders/s", 0, maxX, 0, Math.max(1, maxY),
                              new double[] {0, Math.max(1, maxY2)});
        List<double[]> done = new ArrayList<>();
        List<double[]> wanted = new ArrayList<>();
        List<double[]> tail = new ArrayList<>();
        for (int i = 0; i < offered.length; i++) {
            done.add(new double[] {offered[i], completed[i]});
            if (expected != null) {
                wanted.add(new double[] {offered[i], expected[i]});
            }
            if (!Double.isNaN(p99[i])) {
                tail.add(new double[] {offered[i], p99[i]});
            }
        }
        if (expected != null) {
            c.line(wanted, Color.LIGHT_GRAY, false);
        }
        c.line(done, P50, true);
        c.lineRight(tail, P99);
        c.legend(new String[] {"completed orders/s (left axis)", "p99 place→completed, ms (right axis)",
                               "asked for: offered × share meant to complete"},
                 new Color[] {P50, P99, Color.LIGHT_GRAY});
        c.write(file);
    }

    /** A plot area with axes, ticks and labels; data coordinates map to pixels. */
    private static final class Canvas {
        final BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        final double x0, x1, y0, y1;
        final double[] right;

        Canvas(String title, String xLabel, String yLabel, double x0, double x1, double y0, double y1, double[] right) {
            this.x0 = x0;
            this.x1 = x1 <= x0 ? x0 + 1 : x1;
            this.y0 = y0;
            this.y1 = y1 <= y0 ? y0 + 1 : y1;
            this.right = right;
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W, H);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, LEFT, 28);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawRect(LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM);
            for (int i = 0; i <= 5; i++) {
                double xv = this.x0 + (this.x1 - this.x0) * i / 5;
                double yv = this.y0 + (this.y1 - this.y0) * i / 5;
                int px = px(xv);
                int py = py(yv);
                g.setColor(new Color(230, 230, 230));
                g.drawLine(px, TOP, px, H - BOTTOM);
                g.drawLine(LEFT, py, W - RIGHT, py);
                g.setColor(Color.BLACK);
                g.drawString(fmt(xv), px - 10, H - BOTTOM + 16);
                g.drawString(fmt(yv), LEFT - 45, py + 4);
                if (right != null) {
                    g.setColor(P99);
                    g.drawString(fmt(right[0] + (right[1] - right[0]) * i / 5), W - RIGHT + 6, py + 4);
                    g.setColor(Color.BLACK);
                }
            }
            g.drawString(xLabel, LEFT + (W - LEFT - RIGHT) / 2 - xLabel.length() * 3, H - 18);
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.rotate(-Math.PI / 2);
            rotated.drawString(yLabel, -(TOP + (H - TOP - BOTTOM) / 2) - yLabel.length() * 3, 18);
            rotated.dispose();
        }

        int px(double x) {
            return (int) Math.round(LEFT + (x - x0) / (x1 - x0) * (W - LEFT - RIGHT));
        }

        int py(double y) {
            return (int) Math.round(H - BOTTOM - (y - y0) / (y1 - y0) * (H - TOP - BOTTOM));
        }

        int pyRight(double y) {
            return (int) Math.round(H - BOTTOM - (y - right[0]) / (right[1] - right[0]) * (H - TOP - BOTTOM));
        }

        void dot(double x, double y, Color color, int size) {
            g.setColor(color);
            g.fill(new Rectangle2D.Double(px(x) - size / 2.0, py(y) - size / 2.0, size, size));
        }

        void line(List<double[]> points, Color color, boolean markers) {
            g.setColor(color);
            g.setStroke(new BasicStroke(2f));
            for (int i = 1; i < points.size(); i++) {
                g.draw(new Line2D.Double(px(points.get(i - 1)[0]), py(points.get(i - 1)[1]),
                                         px(points.get(i)[0]), py(points.get(i)[1])));
            }
            if (markers || points.size() == 1) {
                for (double[] p : points) {
                    g.fillOval(px(p[0]) - 4, py(p[1]) - 4, 8, 8);
                }
            }
        }

        void lineRight(List<double[]> points, Color color) {
            g.setColor(color);
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            for (int i = 1; i < points.size(); i++) {
                g.draw(new Line2D.Double(px(points.get(i - 1)[0]), pyRight(points.get(i - 1)[1]),
                                         px(points.get(i)[0]), pyRight(points.get(i)[1])));
            }
            for (double[] p : points) {
                g.fillRect(px(p[0]) - 4, pyRight(p[1]) - 4, 8, 8);
            }
        }

        void legend(String[] labels, Color[] colors) {
            int y = TOP + 18;
            for (int i = 0; i < labels.length; i++) {
                g.setColor(colors[i]);
                g.fillRect(LEFT + 12, y - 9, 14, 10);
                g.setColor(Color.BLACK);
                g.drawString(labels[i], LEFT + 32, y);
                y += 16;
            }
        }

        void write(Path file) throws IOException {
            g.dispose();
            ImageIO.write(image, "png", file.toFile());
        }

        static String fmt(double v) {
            return Math.abs(v) >= 100 || v == Math.rint(v) ? String.valueOf(Math.round(v)) : String.format("%.1f", v);
        }
    }
}
