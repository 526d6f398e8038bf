package org.lungcad.server.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.lungcad.server.analysis.FindingSummary;
import org.lungcad.server.analysis.StageTiming;
import org.lungcad.server.delivery.DeliveryStatus;
import org.lungcad.server.job.JobState;
import org.lungcad.server.job.SeriesJob;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * The node's status page as one self-contained HTML document: node health and intake, the queue, the recent series
 * with their state, skip or failure reason, stage timings, findings and delivery, and a thumbnail per finding. No
 * script framework: the page reloads itself. Every value from outside is HTML-escaped.
 */
final class StatusPage {

    /** Seconds between reloads. */
    static final int REFRESH_SECONDS = 30;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** One recent series with what the page shows of it. */
    record Row(SeriesJob job, List<DeliveryStatus> deliveries, List<String> thumbnails) {
    }

    /**
     * @param health      overall status and that of each health component (dicom, db, detector, diskSpace)
     * @param intake      "accepting" or why new associations are refused
     * @param jobsByState number of jobs per state
     */
    record Model(String aeTitle, int dicomPort, int activeAssociations, String intake, int queued,
                 String health, Map<String, String> components, Map<JobState, Long> jobsByState, List<Row> recent,
                 String algorithm, Instant now, ZoneId zone) {
    }

    private StatusPage() {
    }

    static String render(Model m) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS).append("\">")
                .append("<title>LungCAD ").append(esc(m.aeTitle())).append(" status</title><style>")
                .append("body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;")
                .append("padding:.3em .5em;text-align:left;vertical-align:top}th{background:#f3f3f3}")
                .append(".UP,.DELIVERED,.REPORTED{color:#176b1f}.DOWN,.FAILED{color:#b00020;font-weight:bold}")
                .append(".SKIPPED,.UNKNOWN,.OUT_OF_SERVICE{color:#8a5a00}img{width:128px;height:128px;")
                .append("margin:2px;border:1px solid #999;background:#000}.uid{font-family:monospace;font-size:12px}")
                .append(".note{color:#555}</style></head><body>");
        h.append("<h1>LungCAD node ").append(esc(m.aeTitle())).append("</h1>")
                .append("<p class=\"note\">Computer-aided detection for a radiologist to review, not a diagnosis. ")
                .append(esc(m.algorithm())).append(". Updated ").append(time(m.now(), m.zone()))
                .append(", reloads every ").append(REFRESH_SECONDS).append(" s.</p>");

        h.append("<h2>Node</h2><table id=\"node\"><tr><th>health</th><td class=\"").append(esc(m.health()))
                .append("\">").append(esc(m.health())).append("</td></tr>");
        m.components().forEach((name, status) -> h.append("<tr><th>").append(esc(name)).append("</th><td class=\"")
                .append(esc(status)).append("\">").append(esc(status)).append("</td></tr>"));
        h.append("<tr><th>DICOM</th><td>").append(esc(m.aeTitle())).append(" on port ").append(m.dicomPort())
                .append(", ").append(m.activeAssociations()).append(" association(s) open</td></tr>")
                .append("<tr><th>intake</th><td id=\"intake\">").append(esc(m.intake())).append("</td></tr></table>");

        h.append("<h2>Queue</h2><table id=\"queue\"><tr><th>waiting for a worker</th><td>").append(m.queued())
                .append("</td></tr>");
        m.jobsByState().forEach((state, count) -> h.append("<tr><th>").append(state).append("</th><td>")
                .append(count).append("</td></tr>"));
        h.append("</table>");

        h.append("<h2>Recent series</h2><table id=\"series\"><tr><th>updated</th><th>study / series</th>")
                .append("<th>state</th><th>reason</th><th>findings</th><th>stage timings</th><th>delivery</th></tr>");
        for (Row row : m.recent()) {
            SeriesJob j = row.job();
            h.append("<tr data-series=\"").append(esc(j.seriesInstanceUid())).append("\"><td>")
                    .append(time(j.updatedAt(), m.zone())).append("</td><td class=\"uid\">")
                    .append(esc(j.studyInstanceUid())).append("<br>").append(esc(j.seriesInstanceUid()))
                    .append("<br>").append(esc(j.modality())).append(", ").append(j.instanceCount())
                    .append(" instance(s), generation ").append(j.generation()).append("</td><td class=\"")
                    .append(j.state()).append("\">").append(j.state()).append("</td><td>");
            if (j.reasonCode() != null) {
                h.append("<b>").append(esc(j.reasonCode())).append("</b>: ").append(esc(j.reasonDetail()));
            }
            h.append("</td><td>").append(findings(j, row.thumbnails())).append("</td><td>")
                    .append(timings(j.timings())).append("</td><td>").append(deliveries(row.deliveries()))
                    .append("</td></tr>");
        }
        if (m.recent().isEmpty()) {
            h.append("<tr><td colspan=\"7\">no series received yet</td></tr>");
        }
        return h.append("</table></body></html>").toString();
    }

    private static String findings(SeriesJob j, List<String> thumbnails) {
        if (j.findings() == null) {
            return "";
        }
        StringBuilder s = new StringBuilder().append(j.findings().size()).append(" finding(s)");
        for (FindingSummary f : j.findings()) {
            s.append("<br>").append(esc(f.id())).append(": ")
                    .append(String.format(Locale.ROOT, "%.1f mm", f.meanDiameterMm())).append(' ')
                    .append(esc(f.type())).append(", ").append(esc(f.lobe()))
                    .append(f.lungRads() == null ? "" : ", Lung-RADS " + esc(f.lungRads()));
        }
        if (!thumbnails.isEmpty()) {
            s.append("<br>");
        }
        for (String name : thumbnails) {
            String src = "/status/series/" + UriUtils.encodePathSegment(j.seriesInstanceUid(), "UTF-8") + "/" + name
                    + ".png";
            // data-loaded says to a test (and to anyone inspecting the page) that the image arrived and decoded
            s.append("<a href=\"").append(src).append("\"><img class=\"thumbnail\" alt=\"").append(esc(name))
                    .append("\" src=\"").append(src).append("\" onload=\"this.dataset.loaded='true'\"></a>");
        }
        return s.toString();
    }

    private static String timings(List<StageTiming> timings) {
        if (timings == null || timings.isEmpty()) {
            return "";
        }
        long total = timings.stream().mapToLong(StageTiming::millis).sum();
        return String.format(Locale.ROOT, "%.1f s", total / 1000.0) + "<br><span class=\"note\">"
                + timings.stream().map(t -> esc(t.stage()) + " " + t.millis() + " ms")
                .collect(Collectors.joining("<br>")) + "</span>";
    }

    private static String deliveries(List<DeliveryStatus> deliveries) {
        return deliveries.stream().map(d -> esc(d.destination()) + ": <span class=\"" + d.state() + "\">" + d.state()
                        + "</span>" + (d.attempts() > 1 ? " after " + d.attempts() + " attempts" : "")
                        + (d.lastError() == null ? "" : "<br><span class=\"note\">" + esc(d.lastError()) + "</span>"))
                .collect(Collectors.joining("<br>"));
    }

    private static String time(Instant t, ZoneId zone) {
        return t == null ? "" : TIME.format(t.atZone(zone));
    }

    private static String esc(String s) {
        return s == null ? "" : HtmlUtils.htmlEscape(s);
    }
}
