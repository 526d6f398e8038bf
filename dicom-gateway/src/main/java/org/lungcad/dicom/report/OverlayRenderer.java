package org.lungcad.dicom.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lungcad.dicom.volume.CtVolume;

/**
 * Draws the key images with java.awt, headless (no display is needed; the JVM runs with java.awt.headless=true
 * on servers, and needs fontconfig and one TrueType font, e.g. Debian's fonts-dejavu-core). Images keep the CT's
 * pixel grid, so a mark lies on the pixel it marks; text sits on dark bands at the top and bottom.
 */
final class OverlayRenderer {

    static final String BANNER = "Computer-aided detection \u2014 not for diagnostic use";
    /** Lung window (W 1500 / L -600). */
    static final double WINDOW_WIDTH = 1500;
    static final double WINDOW_LEVEL = -600;

    private static final Color BAND = new Color(0, 0, 0, 190);
    private static final Color BANNER_TEXT = new Color(255, 210, 0);
    private static final Color MARK = new Color(255, 60, 60);
    private static final Color OUTLINE = new Color(255, 210, 0);

    static {
        // a server has no display and rendering into an image needs none; an explicit setting wins
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private OverlayRenderer() {
    }

    /** The axial slice through the finding's centre in the lung window, with its outline, long axis and label. */
    static BufferedImage finding(CtVolume volume, ReportedFinding finding, ReportAlgorithm algorithm) {
        BufferedImage image = lungWindow(volume, finding.slice());
        Graphics2D g = graphics(image);
        float stroke = Math.max(1.5f, image.getWidth() / 340f);
        if (finding.outline().size() >= 3) {
            g.setColor(OUTLINE);
            g.setStroke(new BasicStroke(stroke));
            g.draw(polygon(finding.outline()));
        }
        float[] axis = ImageCoordinates.graphicData(finding.longAxisStart(), finding.longAxisEnd());
        g.setColor(MARK);
        g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(axis[0], axis[1], axis[2], axis[3]));
        drawTag(g, finding.trackingId(), axis, image);
        drawBands(g, image, List.of(BANNER), List.of(label(finding), signature(algorithm)));
        g.dispose();
        return image;
    }

    /** A list of every finding, or "No nodules detected", on a black image of the CT's size. */
    static BufferedImage summary(CtVolume volume, List<ReportedFinding> findings, ReportAlgorithm algorithm,
                                 String operatingPoint) {
        BufferedImage image = new BufferedImage(volume.columns(), volume.rows(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        List<String> lines = new ArrayList<>();
        lines.add("LungCAD nodule summary");
        lines.add("");
        if (findings.isEmpty()) {
            lines.add(MeasurementReportTemplate.noFindingText(operatingPoint));
        } else {
            for (ReportedFinding finding : findings) {
                lines.add(label(finding));
                double z = volume.voxelToPatient(0, 0, finding.slice())[2];
                lines.add(String.format(Locale.ROOT, "    %s, axial slice at z = %.1f mm", finding.lobe().label(), z));
            }
            lines.add("");
            lines.add("Operating point: " + operatingPoint);
        }
        g.setColor(Color.WHITE);
        Font font = font(image, 40);
        g.setFont(font);
        int y = image.getHeight() / 6;
        int x = image.getWidth() / 24;
        for (String line : lines) {
            for (String part : wrap(line, g.getFontMetrics(), image.getWidth() - 2 * x)) {
                g.drawString(part, x, y);
                y += g.getFontMetrics().getHeight();
            }
        }
        drawBands(g, image, List.of(BANNER), List.of(signature(algorithm)));
        g.dispose();
        return image;
    }

    /** "Nodule 1 · 23.4 × 19.1 mm · solid · Lung-RADS 4B · malignancy 18 %". */
    static String label(ReportedFinding finding) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "%s \u00b7 %.1f \u00d7 %.1f mm \u00b7 %s \u00b7 Lung-RADS %s", finding.trackingId(),
                finding.longAxisMm(), finding.shortAxisMm(), finding.noduleType().label(), finding.lungRadsCategory()));
        if (finding.malignancyProbability() != null) {
            s.append(String.format(Locale.ROOT, " \u00b7 malignancy %.0f %%", 100 * finding.malignancyProbability()));
        }
        return s.toString();
    }

    static String signature(ReportAlgorithm algorithm) {
        return OutputStamp.MANUFACTURER + " \u00b7 " + algorithm.shortIdentity();
    }

    private static BufferedImage lungWindow(CtVolume volume, int k) {
        BufferedImage image = new BufferedImage(volume.columns(), volume.rows(), BufferedImage.TYPE_INT_RGB);
        double low = WINDOW_LEVEL - WINDOW_WIDTH / 2;
        for (int j = 0; j < volume.rows(); j++) {
            for (int i = 0; i < volume.columns(); i++) {
                int grey = (int) Math.round((volume.huAt(i, j, k) - low) / WINDOW_WIDTH * 255);
                grey = Math.max(0, Math.min(255, grey));
                image.setRGB(i, j, grey << 16 | grey << 8 | grey);
            }
        }
        return image;
    }

    private static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return g;
    }

    /** Font size in proportion to the image, so a 512 and a 1024 matrix read alike. */
    private static Font font(BufferedImage image, int linesPerImage) {
        return new Font(Font.SANS_SERIF, Font.BOLD, Math.max(10, image.getHeight() / linesPerImage));
    }

    private static void drawBands(Graphics2D g, BufferedImage image, List<String> top, List<String> labels) {
        Font font = font(image, 36);
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        List<String> bottom = new ArrayList<>();
        for (String label : labels) {
            bottom.addAll(wrap(label, metrics, image.getWidth() - metrics.getHeight()));
        }
        int lineHeight = metrics.getHeight();
        int pad = lineHeight / 3;
        g.setColor(BAND);
        g.fillRect(0, 0, image.getWidth(), top.size() * lineHeight + 2 * pad);
        g.fillRect(0, image.getHeight() - bottom.size() * lineHeight - 2 * pad, image.getWidth(),
                bottom.size() * lineHeight + 2 * pad);
        g.setColor(BANNER_TEXT);
        int y = pad + metrics.getAscent();
        for (String line : top) {
            g.drawString(line, (image.getWidth() - metrics.stringWidth(line)) / 2, y);
            y += lineHeight;
        }
        g.setColor(Color.WHITE);
        y = image.getHeight() - bottom.size() * lineHeight - pad + metrics.getAscent();
        for (String line : bottom) {
            g.drawString(fit(line, metrics, image.getWidth() - 2 * pad), pad, y);
            y += lineHeight;
        }
    }

    /** The tracking identifier beside the long axis' right end, kept inside the image. */
    private static void drawTag(Graphics2D g, String text, float[] axis, BufferedImage image) {
        Font font = font(image, 32);
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        int x = (int) Math.max(axis[0], axis[2]) + metrics.getHeight() / 2;
        int y = (int) ((axis[1] + axis[3]) / 2) - metrics.getHeight();
        x = Math.min(x, image.getWidth() - metrics.stringWidth(text) - 2);
        y = Math.max(y, 2 * metrics.getHeight());
        g.setColor(BAND);
        g.fillRect(x - 2, y - metrics.getAscent(), metrics.stringWidth(text) + 4, metrics.getHeight());
        g.setColor(MARK);
        g.drawString(text, x, y);
    }

    /**
     * Greedy word wrap; a "·" separator stays at the end of a line rather than starting the next, and continuation
     * lines are indented. A single word wider than the line is cut by {@link #fit}.
     */
    static List<String> wrap(String text, FontMetrics metrics, int width) {
        List<String> lines = new ArrayList<>();
        String indent = text.substring(0, text.length() - text.stripLeading().length());
        String current = indent;
        for (String word : text.strip().split(" ")) {
            String candidate = current.isBlank() ? current + word : current + " " + word;
            if (metrics.stringWidth(candidate) <= width || current.isBlank() || word.equals("\u00b7")) {
                current = candidate;
            } else {
                lines.add(fit(current, metrics, width));
                current = indent + "    " + word;
            }
        }
        lines.add(fit(current, metrics, width));
        return lines;
    }

    private static String fit(String line, FontMetrics metrics, int width) {
        String s = line;
        while (s.length() > 4 && metrics.stringWidth(s) > width) {
            s = s.substring(0, s.length() - 2);
        }
        return s.equals(line) ? line : s + "\u2026";
    }

    private static Path2D polygon(List<ImagePoint> points) {
        float[] xy = ImageCoordinates.graphicData(points);
        Path2D.Double path = new Path2D.Double();
        path.moveTo(xy[0], xy[1]);
        for (int n = 2; n < xy.length; n += 2) {
            path.lineTo(xy[n], xy[n + 1]);
        }
        path.closePath();
        return path;
    }
}
