package org.lungcad.model.synthetic;

import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.lungcad.model.ScanVolume;

/**
 * A procedural, deterministic chest CT phantom: air outside; a body ellipse of fat (−100 HU) around soft tissue
 * (+40 HU); two lungs (−850 HU with a gravity gradient) with domed bases and tapering apices, kept at least
 * {@value #WALL_MM} mm inside the skin by a chest wall of fat, muscle and ribs; heart and aorta;
 * trachea, main and lobar bronchi (air tubes with walls); branching, tapering vessel trees (+40 HU) in the
 * lungs; spine, ribs and sternum (bone +250…+800 HU); an optional table; Gaussian noise.
 *
 * <p>Geometry is that of a supine adult in DICOM LPS: x to the patient's left, y posterior, z superior;
 * the grid is axial with slice index increasing towards the head, and the origin is where a scanner would put
 * it (x and y centred on the bore, e.g. −178.9 mm for 512 × 0.7 mm). Anatomy is fixed in millimetres, so the
 * field of view must hold the body. Insert nodules with {@link SyntheticNoduleInserter} at positions from
 * {@link Phantom#sampleLungPositions}.
 */
public final class ChestPhantom {

    static final double BODY_A = 165;
    static final double BODY_B = 115;
    static final double BODY_YC = -10;
    static final double FAT_MM = 10;
    /**
     * Skin to parietal pleura: the fat, then muscle and the ribs (centred 16 mm deep, 5.5 mm radius, see
     * {@link PhantomTubes}). The lungs end this far inside the skin, so they never reach the air around the body;
     * the inner ellipse's distance to the skin is at least 0.98 of this everywhere.
     */
    static final double WALL_MM = 22;
    static final double MIN_FOV_MM = 2 * BODY_A + 10;
    static final double MIN_Z_EXTENT_MM = 150;
    static final double SPINE_Y = 55;
    static final double CANAL_Y = 79;
    static final float AIR = -1000;
    static final float FAT = -100;
    static final float SOFT = 40;
    static final float LUNG_HU = -850;

    /**
     * @param width      columns (x), height rows (y), depth slices (z)
     * @param spacingXY  in-plane pixel spacing, mm
     * @param spacingZ   slice spacing, mm
     * @param noiseSdHu  white noise SD added everywhere
     * @param table      draw a patient table under the body
     */
    public record Config(int width, int height, int depth, double spacingXY, double spacingZ,
                         double noiseSdHu, boolean table, long seed) {
        public Config {
            if (width < 16 || height < 16 || depth < 8 || width > 2048 || height > 2048 || depth > 4096) {
                throw new IllegalArgumentException("size out of range: " + width + "x" + height + "x" + depth);
            }
            if (!(spacingXY > 0 && spacingXY <= 10 && spacingZ > 0 && spacingZ <= 10)) {
                throw new IllegalArgumentException("spacing must be in (0, 10] mm");
            }
            if (width * spacingXY < MIN_FOV_MM || height * spacingXY < MIN_FOV_MM) {
                throw new IllegalArgumentException("in-plane field of view must be at least " + MIN_FOV_MM
                        + " mm to hold the body: " + width * spacingXY + " x " + height * spacingXY);
            }
            if (depth * spacingZ < MIN_Z_EXTENT_MM) {
                throw new IllegalArgumentException("z extent must be at least " + MIN_Z_EXTENT_MM + " mm: " + depth * spacingZ);
            }
            if (!(noiseSdHu >= 0 && noiseSdHu <= 200)) {
                throw new IllegalArgumentException("noise SD must be in [0, 200] HU: " + noiseSdHu);
            }
        }

        /** 512 × 512 × 300 at 0.7 × 0.7 × 1.25 mm: the benchmark volume (~300 MB of floats). */
        public static Config benchmark(long seed) {
            return new Config(512, 512, 300, 0.7, 1.25, 15, true, seed);
        }

        /** 128 × 128 × 64 at 2.8 × 2.8 × 5 mm: the same anatomy, small enough for unit tests. */
        public static Config small(long seed) {
            return new Config(128, 128, 64, 2.8, 5.0, 15, false, seed);
        }
    }

    private ChestPhantom() {
    }

    public static Phantom generate(Config c) {
        double[] origin = {-(c.width() - 1) * c.spacingXY() / 2, -(c.height() - 1) * c.spacingXY() / 2,
            -20 - (c.depth() - 1) * c.spacingZ()};
        PhantomCanvas canvas = new PhantomCanvas(c.width(), c.height(), c.depth(), c.spacingXY(), c.spacingXY(),
                c.spacingZ(), origin);
        Landmarks lm = new Landmarks(canvas.z(0), canvas.z(c.depth() - 1));
        IntStream.range(0, c.depth()).parallel().forEach(k -> paintSlice(canvas, lm, k, c.table()));
        PhantomTubes.paint(canvas, lm, new SplittableRandom(c.seed()));
        IntStream.range(0, c.depth()).parallel().forEach(k -> paintBone(canvas, lm, k));
        if (c.noiseSdHu() > 0) {
            IntStream.range(0, c.depth()).parallel().forEach(k -> addNoise(canvas, k, c.noiseSdHu(), c.seed()));
        }
        BitSet lung = new BitSet(canvas.label.length);
        for (int n = 0; n < canvas.label.length; n++) {
            if (canvas.label[n] == PhantomCanvas.LUNG) {
                lung.set(n);
            }
        }
        ScanVolume v = ScanVolume.axial(c.width(), c.height(), c.depth(), canvas.hu, c.spacingXY(), c.spacingXY(),
                c.spacingZ(), origin);
        return new Phantom(v, lung);
    }

    /** Heights (mm) of the landmarks, from the scan's z range: bottom at the upper abdomen, top above the apices. */
    record Landmarks(double zBottom, double zTop) {
        double z(double fraction) {
            return zBottom + fraction * (zTop - zBottom);
        }

        double fraction(double z) {
            return (z - zBottom) / (zTop - zBottom);
        }

        double carina() {
            return z(0.66);
        }
    }

    private static void paintSlice(PhantomCanvas cv, Landmarks lm, int k, boolean table) {
        double z = cv.z(k);
        double zt = lm.fraction(z);
        double heartZ = lm.z(0.30);
        for (int j = 0; j < cv.ny; j++) {
            double y = cv.y(j);
            for (int i = 0; i < cv.nx; i++) {
                double x = cv.x(i);
                int idx = cv.index(i, j, k);
                float hu = AIR;
                byte label = PhantomCanvas.OUTSIDE;
                if (ellipse(x, y - BODY_YC, BODY_A, BODY_B) <= 1) {
                    label = PhantomCanvas.BODY;
                    hu = ellipse(x, y - BODY_YC, BODY_A - FAT_MM, BODY_B - FAT_MM) <= 1 ? SOFT : FAT;
                    float lung = lungHu(x, y, zt);
                    if (!Float.isNaN(lung)) {
                        hu = lung;
                        label = PhantomCanvas.LUNG;
                    }
                    double hz = (z - heartZ) / 55;
                    if (ellipse(x - 20, y + 30, 65, 55) + hz * hz <= 1) {
                        hu = SOFT;
                        label = PhantomCanvas.BODY;
                    }
                } else if (table && y >= BODY_YC + BODY_B + 10 && y <= BODY_YC + BODY_B + 16 && Math.abs(x) < 190) {
                    hu = 150;
                }
                cv.hu[idx] = hu;
                cv.label[idx] = label;
            }
        }
    }

    /** Lung HU at a point, or NaN outside the lungs. Right lung at −x (patient right), left at +x. */
    static float lungHu(double x, double y, double zt) {
        if (ellipse(x, y - BODY_YC, BODY_A - WALL_MM, BODY_B - WALL_MM) > 1) {
            // the chest wall: without it the lungs' posterior-lateral corners reach the skin, and the air outside
            // flows into them through the body wall
            return Float.NaN;
        }
        for (int side = -1; side <= 1; side += 2) {
            double cx = side < 0 ? -70 : 72;
            double ax = side < 0 ? 62 : 58;
            double cy = 10;
            double ay = 85;
            double taper = zt > 0.72 ? Math.sqrt(Math.max(0, (0.97 - zt) / 0.25)) : 1;
            if (taper <= 0) {
                continue;
            }
            double rn2 = ellipse(x - cx, y - cy, ax * taper, ay * taper);
            if (rn2 > 1) {
                continue;
            }
            // domed diaphragm: the base is highest in the middle of the lung, the right dome a little higher
            double dome = 0.08 + 0.22 * (1 - rn2) + (side < 0 ? 0.03 : 0);
            if (zt > dome) {
                // dependent (posterior) lung is denser
                return (float) (LUNG_HU + 40 * (y - cy) / ay);
            }
        }
        return Float.NaN;
    }

    private static void paintBone(PhantomCanvas cv, Landmarks lm, int k) {
        double z = cv.z(k);
        double zt = lm.fraction(z);
        boolean disc = Math.floorMod((long) Math.floor(lm.zTop() - z), 28L) < 6;
        for (int j = 0; j < cv.ny; j++) {
            double y = cv.y(j);
            for (int i = 0; i < cv.nx; i++) {
                double x = cv.x(i);
                int idx = cv.index(i, j, k);
                double body = Math.hypot(x, y - SPINE_Y);
                double canal = Math.hypot(x, y - CANAL_Y);
                if (body <= 16) {
                    set(cv, idx, disc ? 80 : body > 14 ? 800 : 250, disc ? PhantomCanvas.BODY : PhantomCanvas.BONE);
                } else if (canal <= 7) {
                    set(cv, idx, 15, PhantomCanvas.BODY);
                } else if (canal <= 12 || Math.abs(x) <= 4 && y > CANAL_Y && y < BODY_YC + BODY_B - FAT_MM - 2) {
                    set(cv, idx, 600, PhantomCanvas.BONE);
                } else if (zt > 0.35 && zt < 0.85 && Math.abs(x) <= 15
                        && y >= BODY_YC - BODY_B + FAT_MM - 2 && y <= BODY_YC - BODY_B + FAT_MM + 8) {
                    set(cv, idx, 400, PhantomCanvas.BONE);
                }
            }
        }
    }

    private static void set(PhantomCanvas cv, int idx, float hu, byte label) {
        cv.hu[idx] = hu;
        cv.label[idx] = label;
    }

    private static void addNoise(PhantomCanvas cv, int k, double sd, long seed) {
        // one generator per slice, seeded from the slice index: the same volume however many threads run
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + k);
        int base = cv.index(0, 0, k);
        for (int n = 0; n < cv.nx * cv.ny; n++) {
            cv.hu[base + n] += (float) (sd * rnd.nextGaussian());
        }
    }

    static double ellipse(double dx, double dy, double a, double b) {
        return dx * dx / (a * a) + dy * dy / (b * b);
    }
}
