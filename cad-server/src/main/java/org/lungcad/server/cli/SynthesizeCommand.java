package org.lungcad.server.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.lungcad.dicom.volume.CtSeriesSpec;
import org.lungcad.dicom.volume.CtSeriesWriter;
import org.lungcad.dicom.volume.StudyIdentity;
import org.lungcad.dicom.volume.WrittenSeries;
import org.lungcad.model.NoduleType;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.synthetic.ChestPhantom;
import org.lungcad.model.synthetic.GroundTruth;
import org.lungcad.model.synthetic.GroundTruthCsv;
import org.lungcad.model.synthetic.NoduleSpec;
import org.lungcad.model.synthetic.Phantom;
import org.lungcad.model.synthetic.SyntheticNoduleInserter;
import org.lungcad.model.synthetic.placement.NodulePlacer;
import org.lungcad.model.synthetic.placement.NodulePlan;
import org.lungcad.model.synthetic.placement.PlacementMix;
import org.lungcad.server.offline.KnownFindings;
import org.lungcad.server.offline.LoadedSeries;
import org.lungcad.server.offline.OfflineSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A new CT series with synthetic nodules of known size, type, position and placement (free, juxtapleural,
 * juxtavascular; see {@link NodulePlacer}), for evaluating the detector: inserted into a real CT or into the
 * procedural chest phantom, placed alike in both. Either way the output is a DERIVED series of a new synthetic
 * patient and study ({@link StudyIdentity#synthetic}): synthetic nodules must never file into a real patient's record.
 * Writes {@code dicom/} and {@code ground-truth.csv} (LUNA16 columns first) with the inserted nodules only; the
 * source's own findings go to {@code source-findings.csv} (see {@link KnownFindings}).
 */
@Command(name = "synthesize", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Insert synthetic nodules into a CT series (or a phantom); write it as DICOM with its ground truth.")
class SynthesizeCommand implements Callable<Integer> {

    static final int SERIES_NUMBER = 9801;

    /** Phantom grids: both thin enough (2.5 / 1.25 mm slices) to pass the default input rules. */
    enum PhantomSize {
        /** 128 × 128 × 64 at 2.8 × 2.8 × 2.5 mm: seconds to make and analyse, for tests. */
        SMALL,
        /** 512 × 512 × 300 at 0.7 × 0.7 × 1.25 mm: a clinical chest CT grid. */
        FULL;

        ChestPhantom.Config config(long seed) {
            return this == SMALL ? new ChestPhantom.Config(128, 128, 64, 2.8, 2.5, 15, false, seed)
                    : ChestPhantom.Config.benchmark(seed);
        }
    }

    @Option(names = "--input", description = "folder with a real CT series (default: the procedural chest phantom)")
    Path input;

    @Option(names = "--output", required = true, description = "output folder: dicom/, ground-truth.csv")
    Path output;

    @Option(names = "--nodules", defaultValue = "10", description = "nodules to insert, 1-50 (default: ${DEFAULT-VALUE})")
    int nodules;

    @Option(names = "--seed", defaultValue = "1",
            description = "positions, sizes, types and textures follow from it (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--sizes", split = ",", defaultValue = "4,6,8,10,15,20,25",
            description = "diameters (mm, 2-40) used in turn (default: ${DEFAULT-VALUE})")
    List<Double> sizes;

    @Option(names = "--types", split = ",", defaultValue = "solid,part-solid,ground-glass",
            description = "types used in turn: solid, part-solid, ground-glass, calcified (default: ${DEFAULT-VALUE})")
    List<String> types;

    @Option(names = "--shapes", split = ",", defaultValue = "smooth,lobulated,spiculated",
            description = "margins used in turn: smooth, lobulated, spiculated (default: ${DEFAULT-VALUE})")
    List<String> shapes;

    @Option(names = "--placements", split = ",", defaultValue = PlacementMix.DEFAULT,
            description = "placements as name[:weight]: free, juxtapleural (touching the chest wall), juxtavascular"
                    + " (touching a vessel); counts follow the weights (default: ${DEFAULT-VALUE})")
    List<String> placements;

    @Option(names = "--phantom-size", defaultValue = "FULL",
            description = "phantom grid when there is no --input: SMALL or FULL (default: ${DEFAULT-VALUE})")
    PhantomSize phantomSize;

    @Option(names = "--avoid", split = ",",
            description = "LUNA16 CSVs of findings to keep 30 mm clear of (default: the LUNA16 CSVs next to --input)")
    List<Path> avoid;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws IOException {
        OfflineSettings.quietLogging(false);
        List<NoduleSpec> plan;
        try {
            plan = plan();
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return 2;
        }
        Files.createDirectories(output);
        boolean real = input != null && Files.isDirectory(input);
        if (input != null && !real) {
            out.println("No folder " + input.toAbsolutePath() + ": using the procedural chest phantom instead.");
        }
        return real ? fromRealCt(plan) : fromPhantom(plan);
    }

    private int fromRealCt(List<NoduleSpec> plan) throws IOException {
        Optional<LoadedSeries> loaded = LoadedSeries.firstQualifying(input, out);
        if (loaded.isEmpty()) {
            out.println("No CT series in " + input + " qualifies for analysis: nothing to insert nodules into.");
            return 2;
        }
        LoadedSeries source = loaded.get();
        ScanVolume scan = source.scan();
        String sourceUid = source.qualified().header().seriesInstanceUid();
        List<Path> avoidFiles = avoid != null ? avoid : KnownFindings.besides(input);
        List<KnownFindings.Row> known = KnownFindings.read(avoidFiles, sourceUid);
        out.printf(Locale.ROOT, "source: %d×%d×%d voxels, spacing %.3f/%.3f/%.3f mm; %d known finding(s) to avoid%n",
                scan.width(), scan.height(), scan.depth(), scan.spacingX(), scan.spacingY(), scan.spacingZ(), known.size());
        List<NoduleSpec> placed = place(scan, plan, known.stream().map(KnownFindings.Row::asKnown).toList());
        SyntheticNoduleInserter.Insertion insertion = insert(scan, placed);
        CtSeriesSpec spec = CtSeriesSpec.derivedFrom(source.qualified(), source.volume(), insertion.volume().hu(),
                newStudy("CT"), SERIES_NUMBER, description(placed.size()), derivation(placed.size()));
        WrittenSeries written = write(spec, insertion.groundTruth());
        KnownFindings.write(output.resolve(KnownFindings.FILE_NAME), known, written.seriesInstanceUid());
        out.printf("%d source finding(s) (not inserted, not in the ground truth) re-keyed to the new series in %s:%n"
                + "  pass it to evaluate as --excluded, or append its rows to the annotations to score them too%n",
                known.size(), output.resolve(KnownFindings.FILE_NAME));
        return 0;
    }

    private int fromPhantom(List<NoduleSpec> plan) throws IOException {
        ChestPhantom.Config config = phantomSize.config(seed);
        out.printf(Locale.ROOT, "procedural chest phantom %d×%d×%d at %.2f×%.2f×%.2f mm (seed %d)%n", config.width(),
                config.height(), config.depth(), config.spacingXY(), config.spacingXY(), config.spacingZ(), seed);
        Phantom phantom = ChestPhantom.generate(config);
        // the same placer as for a real CT, on the phantom's own HU: its walls and vessels are found, not assumed
        List<NoduleSpec> placed = place(phantom.volume(), plan, List.of());
        SyntheticNoduleInserter.Insertion insertion = insert(phantom.volume(), placed);
        CtSeriesSpec spec = SyntheticSeriesMapper.toSyntheticSeries(insertion.volume(), newStudy("PHANTOM"),
                SERIES_NUMBER, "LungCAD phantom, " + placed.size() + " synthetic nodules");
        write(spec, insertion.groundTruth());
        return 0;
    }

    private static StudyIdentity newStudy(String label) {
        return StudyIdentity.synthetic(label, LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS));
    }

    private List<NoduleSpec> place(ScanVolume scan, List<NoduleSpec> plan, List<NodulePlacer.Known> known) {
        return NodulePlan.place(scan, plan, known, seed, out::println);
    }

    /** The seed's nodules from the options (see {@link NodulePlan#draw}). */
    List<NoduleSpec> plan() {
        return new NodulePlan(nodules, sizes, types.stream().map(SynthesizeCommand::type).toList(),
                shapes.stream().map(SynthesizeCommand::shape).toList(), PlacementMix.parse(placements)).draw(seed);
    }

    private static SyntheticNoduleInserter.Insertion insert(ScanVolume scan, List<NoduleSpec> specs) {
        // the series UID is not known before writing; rows are re-keyed then
        return new SyntheticNoduleInserter(SyntheticNoduleInserter.Config.DEFAULT).insert(scan, "pending", specs);
    }

    private WrittenSeries write(CtSeriesSpec spec, List<GroundTruth> truth) throws IOException {
        WrittenSeries written = new CtSeriesWriter().write(spec, output.resolve("dicom"));
        List<GroundTruth> rows = truth.stream().map(g -> g.inSeries(written.seriesInstanceUid())).toList();
        GroundTruthCsv.write(output.resolve("ground-truth.csv"), rows);
        out.printf(Locale.ROOT, "wrote series %s: %d slices in %s%n", written.seriesInstanceUid(), written.files().size(),
                output.resolve("dicom"));
        out.printf(Locale.ROOT, "  %3s %-26s %8s %-13s %-11s %-14s %8s%n", "#", "centre LPS (mm)", "diam mm", "type",
                "shape", "placement", "noise SD");
        for (int n = 0; n < rows.size(); n++) {
            GroundTruth g = rows.get(n);
            double[] c = g.centerLps();
            out.printf(Locale.ROOT, "  %3d (%7.1f,%7.1f,%7.1f) %8.1f %-13s %-11s %-14s %8.1f%n", n + 1, c[0], c[1], c[2],
                    g.diameterMm(), g.type().label(), g.shape().name().toLowerCase(Locale.ROOT), g.placement().label(),
                    g.noiseSdHu());
        }
        out.println("ground truth: " + output.resolve("ground-truth.csv"));
        return written;
    }

    private String description(int count) {
        return "LungCAD synthetic nodules (" + count + ", seed " + seed + ")";
    }

    private String derivation(int count) {
        return count + " synthetic nodules inserted into a real CT by LungCAD SyntheticNoduleInserter (seed " + seed
                + "); patient and study are synthetic; not for diagnostic use";
    }

    static NoduleType type(String label) {
        return Arrays.stream(NoduleType.values()).filter(t -> t.label().equalsIgnoreCase(label.strip())
                        || t.name().equalsIgnoreCase(label.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown nodule type '" + label
                        + "' (solid, part-solid, ground-glass, calcified)"));
    }

    static NoduleSpec.Shape shape(String name) {
        return Arrays.stream(NoduleSpec.Shape.values()).filter(s -> s.name().equalsIgnoreCase(name.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown shape '" + name
                        + "' (smooth, lobulated, spiculated)"));
    }
}
