package org.lungcad.dicom.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.lungcad.dicom.volume.CtVolume;

/**
 * A contact sheet for checking marks by eye: one row per mark with its text and axial, coronal and sagittal crops
 * through its centre (lung window, {@link #FIELD_MM} mm field, 10 mm scale bar, dashed circle of the mark's size).
 * A vessel seen end-on is a dot on the axial crop and a tube on the other two; a nodule is round on all three.
 * For people checking the product on local cases, not a clinical output: it is never sent to a PACS.
 */
public final class ReviewSheet {

    /** Side of each crop in pixels. */
    public static final int TILE_PX = 200;
    /** Field of view of each crop, mm. */
    public static final double FIELD_MM = 40;
    public static final String BANNER = "LungCAD review sheet \u2014 computer-aided detection, not a diagnosis";

    static final int TEXT_COLUMN_PX = 300;
    static final int GAP_PX = 8;
    static final int CAPTION_PX = 18;
    static final int HEADER_PX = 64;

    private static final Color BACKGROUND = new Color(24, 24, 24);
    private static final Color MARK = new Color(255, 60, 60);
    private static final Color TEXT = Color.WHITE;
    private static final Color BANNER_TEXT = new Color(255, 210, 0);
    /** Outside the scan: darker than air in the lung window, so a reader sees where the data ends. */
    private static final int OUTSIDE_RGB = 0x202040;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * A mark to review.
     *
     * @param title      first text line, e.g. "1 · score 0.92"
     * @param details    further text lines (type, size, HU, lobe, ...)
     * @param centerLps  centre in patient LPS mm
     * @param diameterMm its size; the circle is drawn 2 mm outside it
     */
    public record Mark(String title, List<String> details, double[] centerLps, double diameterMm) {
        public Mark {
            Objects.requireNonNull(title, "title");
            details = List.copyOf(details);
            if (centerLps == null || centerLps.length != 3) {
                throw new IllegalArgumentException("centre must have 3 components");
            }
            centerLps = centerLps.clone();
            if (!(diameterMm >= 0)) {
                throw new IllegalArgumentException("diameter must not be negative: " + diameterMm);
            }
        }

        @Override
        public double[] centerLps() {
            return centerLps.clone();
        }
    }

    /** The three planes, as patient directions of the crop's rightward and downward axes (radiological display). */
    public enum View {
        AXIAL(new double[] {1, 0, 0}, new double[] {0, 1, 0}),
        CORONAL(new double[] {1, 0, 0}, new double[] {0, 0, -1}),
        SAGITTAL(new double[] {0, 1, 0}, new double[] {0, 0, -1});

        private final double[] right;
        private final double[] down;

        View(double[] right, double[] down) {
            this.right = right;
            this.down = down;
        }

        /** Patient position of crop pixel (x, y) (pixel centres) for a crop centred on {@code centre}. */
        double[] position(double[] centre, int x, int y) {
            double mmPerPx = FIELD_MM / TILE_PX;
            double u = (x + 0.5 - TILE_PX / 2.0) * mmPerPx;
            double v = (y + 0.5 - TILE_PX / 2.0) * mmPerPx;
            return new double[] {centre[0] + u * right[0] + v * down[0], centre[1] + u * right[1] + v * down[1],
                centre[2] + u * right[2] + v * down[2]};
        }

        String caption() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private ReviewSheet() {
    }

    /**
     * @param header lines under the banner: the series, the algorithm with its version, the operating point
     */
    public static BufferedImage render(CtVolume volume, List<String> header, List<Mark> marks) {
        Objects.requireNonNull(volume, "volume");
        int rowHeight = TILE_PX + CAPTION_PX + GAP_PX;
        int width = TEXT_COLUMN_PX + View.values().length * (TILE_PX + GAP_PX) + GAP_PX;
        int height = HEADER_PX + header.size() * 16 + Math.max(1, marks.size()) * rowHeight + GAP_PX;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, width, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.setColor(BANNER_TEXT);
        g.drawString(BANNER, GAP_PX, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(TEXT);
        int y = 50;
        for (String line : header) {
            g.drawString(line, GAP_PX, y);
            y += 16;
        }
        int top = HEADER_PX + header.size() * 16;
        if (marks.isEmpty()) {
            g.drawString("No marks.", GAP_PX, top + 20);
        }
        for (int n = 0; n < marks.size(); n++) {
            drawRow(g, volume, marks.get(n), top + n * rowHeight);
        }
        g.dispose();
        return image;
    }

    /** Top-left pixel of a mark's crop on the sheet (for tests and for people reading the layout). */
    public static int[] tileOrigin(int headerLines, int markIndex, View view) {
        int rowHeight = TILE_PX + CAPTION_PX + GAP_PX;
        return new int[] {TEXT_COLUMN_PX + view.ordinal() * (TILE_PX + GAP_PX),
            HEADER_PX + headerLines * 16 + markIndex * rowHeight + CAPTION_PX};
    }

    private static void drawRow(Graphics2D g, CtVolume volume, Mark mark, int top) {
        g.setColor(TEXT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        FontMetrics bold = g.getFontMetrics();
        int y = top + CAPTION_PX + bold.getAscent();
        g.drawString(mark.title(), GAP_PX, y);
        y += bold.getHeight();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics plain = g.getFontMetrics();
        for (String line : mark.details()) {
            for (String part : OverlayRenderer.wrap(line, plain, TEXT_COLUMN_PX - 2 * GAP_PX)) {
                g.drawString(part, GAP_PX, y);
                y += plain.getHeight();
            }
        }
        for (View view : View.values()) {
            int x0 = TEXT_COLUMN_PX + view.ordinal() * (TILE_PX + GAP_PX);
            int y0 = top + CAPTION_PX;
            g.setColor(TEXT);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(view.caption(), x0, top + CAPTION_PX - 4);
            g.drawImage(crop(volume, view, mark.centerLps()), x0, y0, null);
            drawMarkAndScale(g, x0, y0, mark.diameterMm());
        }
    }

    /** The lung-window crop, sampled trilinearly from the scan (the slices are usually thicker than the pixels). */
    static BufferedImage crop(CtVolume volume, View view, double[] centre) {
        BufferedImage tile = new BufferedImage(TILE_PX, TILE_PX, BufferedImage.TYPE_INT_RGB);
        double low = OverlayRenderer.WINDOW_LEVEL - OverlayRenderer.WINDOW_WIDTH / 2;
        for (int y = 0; y < TILE_PX; y++) {
            for (int x = 0; x < TILE_PX; x++) {
                double[] v = volume.patientToVoxel(view.position(centre, x, y));
                double hu = trilinear(volume, v[0], v[1], v[2]);
                if (Double.isNaN(hu)) {
                    tile.setRGB(x, y, OUTSIDE_RGB);
                    continue;
                }
                int grey = (int) Math.round((hu - low) / OverlayRenderer.WINDOW_WIDTH * 255);
                grey = Math.max(0, Math.min(255, grey));
                tile.setRGB(x, y, grey << 16 | grey << 8 | grey);
            }
        }
        return tile;
    }

    /** NaN outside the grid (beyond half a voxel past the outermost centres). */
    static double trilinear(CtVolume volume, double i, double j, double k) {
        if (i < -0.5 || j < -0.5 || k < -0.5 || i > volume.columns() - 0.5 || j > volume.rows() - 0.5
                || k > volume.slices() - 0.5) {
            return Double.NaN;
        }
        int i0 = clamp((int) Math.floor(i), volume.columns());
        int j0 = clamp((int) Math.floor(j), volume.rows());
        int k0 = clamp((int) Math.floor(k), volume.slices());
        int i1 = clamp(i0 + 1, volume.columns());
        int j1 = clamp(j0 + 1, volume.rows());
        int k1 = clamp(k0 + 1, volume.slices());
        double fi = Math.max(0, Math.min(1, i - i0));
        double fj = Math.max(0, Math.min(1, j - j0));
        double fk = Math.max(0, Math.min(1, k - k0));
        double c00 = lerp(volume.huAt(i0, j0, k0), volume.huAt(i1, j0, k0), fi);
        double c10 = lerp(volume.huAt(i0, j1, k0), volume.huAt(i1, j1, k0), fi);
        double c01 = lerp(volume.huAt(i0, j0, k1), volume.huAt(i1, j0, k1), fi);
        double c11 = lerp(volume.huAt(i0, j1, k1), volume.huAt(i1, j1, k1), fi);
        return lerp(lerp(c00, c10, fj), lerp(c01, c11, fj), fk);
    }

    private static void drawMarkAndScale(Graphics2D g, int x0, int y0, double diameterMm) {
        double pxPerMm = TILE_PX / FIELD_MM;
        double r = (diameterMm / 2 + 2) * pxPerMm;
        g.setColor(MARK);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {5, 4}, 0));
        g.draw(new Ellipse2D.Double(x0 + TILE_PX / 2.0 - r, y0 + TILE_PX / 2.0 - r, 2 * r, 2 * r));
        int bar = (int) Math.round(10 * pxPerMm);
        int by = y0 + TILE_PX - 8;
        g.setColor(BANNER_TEXT);
        g.setStroke(new BasicStroke(2f));
        g.drawLine(x0 + 8, by, x0 + 8 + bar, by);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString("10 mm", x0 + 12 + bar, by + 4);
    }

    private static int clamp(int x, int n) {
        return Math.max(0, Math.min(n - 1, x));
    }

    private static double lerp(double a, double b, double f) {
        return a + (b - a) * f;
    }
}
