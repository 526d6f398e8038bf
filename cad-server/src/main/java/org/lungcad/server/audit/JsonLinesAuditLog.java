package org.lungcad.server.audit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail as JSON lines in a file of its own ({@code audit.jsonl}), appended to and flushed per line, rotated
 * by Logback daily and at a size limit into gzip files ({@code audit.YYYY-MM-DD.N.jsonl.gz}), the oldest removed
 * after {@code maxHistoryDays} or above {@code totalSizeCap}. Nothing of it reaches the application log.
 */
public final class JsonLinesAuditLog implements AuditTrail, AutoCloseable {

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(JsonLinesAuditLog.class);
    /** One Logback logger per trail: several application contexts in one JVM (tests) must not share a file. */
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final ObjectMapper json = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private final Path file;
    private final Logger logger;
    private final RollingFileAppender<ILoggingEvent> appender;

    public JsonLinesAuditLog(Path directory, long maxFileSizeBytes, int maxHistoryDays, long totalSizeCapBytes) {
        this.file = directory.resolve("audit.jsonl");
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("lungcad-audit-" + INSTANCES.incrementAndGet());
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setImmediateFlush(true);
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(directory.resolve("audit.%d{yyyy-MM-dd}.%i.jsonl.gz").toString());
        rolling.setMaxFileSize(new FileSize(maxFileSizeBytes));
        rolling.setMaxHistory(maxHistoryDays);
        rolling.setTotalSizeCap(new FileSize(totalSizeCapBytes));
        rolling.start();
        appender.setRollingPolicy(rolling);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();
        logger = context.getLogger("lungcad.audit." + appender.getName());
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
    }

    public Path file() {
        return file;
    }

    @Override
    public void record(AuditEvent event) {
        try {
            logger.info(json.writeValueAsString(event));
        } catch (JsonProcessingException | RuntimeException e) {
            log.error("audit event {} could not be written", event.type(), e);
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
