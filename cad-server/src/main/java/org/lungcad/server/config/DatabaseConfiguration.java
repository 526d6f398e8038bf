package org.lungcad.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The job database: an embedded H2 file under the storage directory, so jobs survive restarts. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean
    DataSource dataSource(LungCadProperties properties) throws IOException {
        Path dir = Files.createDirectories(properties.storage().directory().toAbsolutePath().resolve("db"));
        // absolute path: H2 refuses implicit relative ones; WRITE_DELAY=0 flushes each commit before returning
        return DataSourceBuilder.create()
                .url("jdbc:h2:file:" + dir.resolve("lungcad") + ";WRITE_DELAY=0")
                .username("lungcad")
                .password("")
                .build();
    }
}
