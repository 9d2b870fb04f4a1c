package dev.concurrencylab.cluster;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildSide;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.crdt.pncounter.PNCounter;
import com.hazelcast.map.IMap;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;

/**
 * A cluster member in a child JVM: {@code ClusterMember <port> <settings...>}. It joins, says
 * ready, then does what its parent writes on stdin, one answer line per command:
 *
 * <pre>
 *   send Q MS               put 0, 1, 2, ... on queue Q every MS ms, for ever   -> sending
 *   produce Q FROM N        put FROM .. FROM+N-1 on Q                             -> produced N
 *   consume Q N             take N items from Q                                   -> consumed BASE64-BITSET
 *   get M K / put M K V     read or write one entry of map M                      -> value V / put
 *   increment HOW M K N     add 1 to K, N times: racy, lock, entry, cas or pn      -> incremented
 *   safe                    whether every partition has its backups in place       -> safe true|false
 * </pre>
 *
 * A command that fails answers {@code error <message>} and the member stays up. It ends when its
 * parent dies, when stdin closes, or on {@code stop} (a graceful shutdown, handing its partitions on).
 */
final class ClusterMember {

    private ClusterMember() {}

    public static void main(String[] args) throws Exception {
        ChildSide.exitWhenParentDies();
        ClusterSettings.quietLogging(Boolean.getBoolean("concurrencylab.verbose"));
        int port = Integer.parseInt(args[0]);
        ClusterSettings settings = ClusterSettings.parse(Arrays.copyOfRange(args, 1, args.length));
        HazelcastInstance member;
        try {
            member = Hazelcast.newHazelcastInstance(settings.member(port));
        } catch (RuntimeException e) {
            System.err.println("member on 127.0.0.1:" + port + " could not start: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("member " + member.getCluster().getLocalMember().getUuid());
        ChildSide.sayReady();
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            for (String line; (line = stdin.readLine()) != null && !line.equals("stop"); ) {
                String answer;
                try {
                    answer = obey(member, line.split(" "));
                } catch (Exception e) {
                    answer = "error " + e;
                }
                System.out.println(answer);
            }
        } finally {
            member.shutdown();
        }
    }

    private static String obey(HazelcastInstance member, String[] command) throws Exception {
        return switch (command[0]) {
            case "send" -> {
                IQueue<Integer> queue = member.getQueue(command[1]);
                long periodMillis = Long.parseLong(command[2]);
                Thread.ofPlatform().daemon().name("sender").start(() -> {
                    try {
                        for (int x = 0; ; x++) {
                            queue.put(x);
                            Thread.sleep(periodMillis);
                        }
                    } catch (InterruptedException | RuntimeException e) {
                        // the member is going away
                    }
                });
                yield "sending";
            }
            case "produce" -> {
                IQueue<Integer> queue = member.getQueue(command[1]);
                int from = Integer.parseInt(command[2]);
                int count = Integer.parseInt(command[3]);
                for (int x = from; x < from + count; x++) {
                    queue.put(x);
                }
                yield "produced " + count;
            }
            case "consume" -> {
                IQueue<Integer> queue = member.getQueue(command[1]);
                int count = Integer.parseInt(command[2]);
                BitSet seen = new BitSet();
                int duplicates = 0;
                for (int i = 0; i < count; i++) {
                    Integer x = queue.poll(Timeouts.seconds(60).toMillis(), TimeUnit.MILLISECONDS);
                    if (x == null) {
                        throw new IllegalStateException("queue " + command[1] + " gave nothing for 60 s after " + i + " items");
                    }
                    duplicates += seen.get(x) ? 1 : 0;
                    seen.set(x);
                }
                yield "consumed " + duplicates + " " + Base64.getEncoder().encodeToString(seen.toByteArray());
            }
            case "get" -> "value " + member.<String, Long>getMap(command[1]).get(command[2]);
            case "put" -> {
                member.<String, Long>getMap(command[1]).put(command[2], Long.parseLong(command[3]));
                yield "put";
            }
            case "increment" -> {
                increment(member, command[1], command[2], command[3], Integer.parseInt(command[4]));
                yield "incremented";
            }
            case "safe" -> "safe " + member.getPartitionService().isClusterSafe();
            default -> throw new IllegalArgumentException("unknown command " + command[0]);
        };
    }

    /** Adds one to a counter that lives in the cluster, {@code times} times, the way {@code how} names. */
    private static void increment(HazelcastInstance member, String how, String mapName, String key, int times) {
        IMap<String, Long> map = member.getMap(mapName);
        PNCounter pn = member.getPNCounter(mapName + "-pn");
        for (int i = 0; i < times; i++) {
            switch (how) {
                case "racy" -> map.put(key, map.getOrDefault(key, 0L) + 1); // read, then write: the race
                case "lock" -> {
                    map.lock(key);
                    try {
                        map.put(key, map.getOrDefault(key, 0L) + 1);
                    } finally {
                        map.unlock(key);
                    }
                }
                case "entry" -> map.executeOnKey(key, new ClusterTasks.Increment());
                case "cas" -> {
                    while (true) { // compare-and-set: write only if nobody wrote since the read
                        Long old = map.get(key);
                        if (old == null ? map.putIfAbsent(key, 1L) == null : map.replace(key, old, old + 1)) {
                            break;
                        }
                    }
                }
                case "pn" -> pn.incrementAndGet();
                default -> throw new IllegalArgumentException("unknown way to increment: " + how);
            }
        }
    }
}
