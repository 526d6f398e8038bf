package org.lungcad.server.cli;

import picocli.CommandLine.Command;

@Command(name = "lungcad", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "LungCAD: lung-nodule computer-aided detection node (not a diagnosis).",
        subcommands = {ServeCommand.class, DemoCommand.class, BenchmarkIngestCommand.class,
                AnalyzeCommand.class, EvaluateCommand.class, SynthesizeCommand.class, BenchmarkAnalysisCommand.class,
                ReviewCommand.class, TrainCommand.class, HashPasswordCommand.class})
public class LungCadCommand {
}
