package org.lungcad.server.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lungcad.server.LungCadApplication;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

@Command(name = "serve", description = "Run the DICOM node with its REST API (Spring options as --name=value).")
class ServeCommand implements Callable<Integer> {

    @Unmatched
    List<String> springArguments = new ArrayList<>();

    @Override
    public Integer call() {
        SpringApplication.run(LungCadApplication.class, springArguments.toArray(String[]::new));
        return 0;
    }
}
