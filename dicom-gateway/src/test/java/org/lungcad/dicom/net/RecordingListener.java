package org.lungcad.dicom.net;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Keeps every association event, and waits for one: the SCP reports a close after the peer has gone. */
final class RecordingListener implements AssociationListener {

    record Event(AssociationSummary summary, AssociateReject reject) {
    }

    final List<Event> opened = new CopyOnWriteArrayList<>();
    final List<Event> closed = new CopyOnWriteArrayList<>();
    final List<Event> rejected = new CopyOnWriteArrayList<>();

    @Override
    public void opened(AssociationSummary association) {
        opened.add(new Event(association, null));
    }

    @Override
    public void closed(AssociationSummary association) {
        closed.add(new Event(association, null));
    }

    @Override
    public void rejected(AssociationSummary association, AssociateReject reason) {
        rejected.add(new Event(association, reason));
    }

    static Event await(List<Event> events, Predicate<Event> match) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            for (Event e : events) {
                if (match.test(e)) {
                    return e;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no matching association event within 15 s; have " + events);
    }
}
