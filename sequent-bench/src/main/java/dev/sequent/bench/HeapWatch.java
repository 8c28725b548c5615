package dev.sequent.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap a workload needs, measured two ways while it runs:
 * <ul>
 *   <li>{@link #peakUsedBytes()}: the sum of each heap pool's peak use since {@link #start()}
 *       ({@code MemoryPoolMXBean.getPeakUsage} after a reset), at least {@link #peakLiveBytes()}.
 *       It includes garbage not yet collected, so it grows with the heap the JVM is allowed
 *       ({@code -Xmx}) and how lazily the collector runs: an upper bound.</li>
 *   <li>{@link #peakLiveBytes()}: the most the heap held right after a collection (from the
 *       GC notifications, and one {@code System.gc()} at {@link #stop()} so there is at least
 *       one): what the workload keeps alive, the figure that decides whether it fits a heap.</li>
 * </ul>
 * The explicit collection happens after the timed runs, so it does not touch the samples/s.
 */
final class HeapWatch implements NotificationListener {
    private final AtomicLong peakLive = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private long peakUsed;

    /** Resets the pools' peaks and starts listening to collections. */
    void start() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                pool.resetPeakUsage();
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(this, null, null);
                emitters.add(e);
            }
        }
    }

    /** Reads the pools' peaks, collects once, and stops listening. */
    void stop() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                used += pool.getPeakUsage().getUsed();
            }
        }
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        peakLive.accumulateAndGet(live, Math::max);
        // G1 updates its pools' peaks at collections only, so the sum can fall a little short of what a
        // collection found alive; the heap held at least that much.
        peakUsed = Math.max(used, peakLive.get());
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(this);
            } catch (ListenerNotFoundException ignored) {
                // already gone: nothing to undo
            }
        }
        emitters.clear();
    }

    long peakUsedBytes() {
        return peakUsed;
    }

    long peakLiveBytes() {
        return peakLive.get();
    }

    @Override
    public void handleNotification(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long after = 0;
        for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) {
            after += u.getUsed();
        }
        // Non-heap pools (metaspace, code cache) are in the map too; subtract them so only the heap counts.
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.HEAP) {
                MemoryUsage u = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                if (u != null) {
                    after -= u.getUsed();
                }
            }
        }
        peakLive.accumulateAndGet(after, Math::max);
    }
}
