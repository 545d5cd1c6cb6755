// The embedded database: mongo-java-server on a durable H2 file, for `npm start` and the tests when
// MONGODB_URI is unset. Started and stopped by server/db/embedded.ts; one process per H2 file.
//
// Usage: java -cp "DIR/*" vn.danang.survey.EmbeddedMongo <port, 0 = any free one> <h2 file>
// Prints "READY <port>" on stdout once it accepts connections. Exits (closing the H2 file cleanly) on
// SIGTERM/SIGINT and when its stdin reaches end of file, which happens when the parent dies, even by
// kill -9: an orphan never keeps the file locked.
package vn.danang.survey;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import io.netty.channel.Channel;

public final class EmbeddedMongo {

    /**
     * H2 backend that makes every acknowledged write durable: the command's changes are committed to the
     * file before the reply goes out. The stock backend only commits about once a second, so a kill -9
     * loses the last second of acknowledged writes.
     */
    static final class DurableH2Backend extends H2Backend {

        // Commands that never change data take the fast path. Everything else, including commands this
        // list does not know, is treated as a write: a needless commit is cheap, a missing one loses data.
        private static final Set<String> READ_ONLY = Set.of(
            "find", "getmore", "killcursors", "count", "distinct", "listcollections", "listindexes",
            "listdatabases", "ping", "ismaster", "hello", "buildinfo", "whatsmyuri", "serverstatus",
            "dbstats", "collstats", "validate", "getlasterror", "reseterror", "getparameter",
            "getcmdlineopts", "getlog", "hostinfo", "endsessions", "connectionstatus", "currentop",
            "explain", "getfreemonitoringstatus");

        // Held while a write command applies and while a commit runs, so:
        // - a commit never captures half of a write. MVStore captures each map's root separately, so without
        //   it a commit could hold a document but not its unique-index entry; the library's per-collection
        //   monitors do not help, commit() does not take them.
        // - write commands run one at a time. mongo-java-server creates collections (by `create`, or by the
        //   first insert into a new one) with an unsynchronized check-then-create: two at once fail with
        //   "Document with key ... already existed in system.namespaces" (seen with mongoose's autoCreate
        //   racing its syncIndexes). Writes to one collection were serialized by the library anyway.
        private final ReentrantLock writeLock = new ReentrantLock();

        // Group commit: each write takes a sequence number while still holding writeLock, then waits until
        // one commit by the committer thread covers it. Under load one commit covers several writes, and the
        // next writes apply while waiters are woken, instead of every writer committing in turn.
        private final AtomicLong applied = new AtomicLong();
        private final Object workArrived = new Object(); // the committer waits here, writers on committedChanged
        private final Object committedChanged = new Object();
        private long committed; // guarded by committedChanged
        private RuntimeException commitFailure; // guarded by committedChanged; set once, then writes fail

        DurableH2Backend(MVStore store) {
            super(store);
            Thread committer = new Thread(this::commitLoop, "embedded-mongo-committer");
            committer.setDaemon(true);
            committer.start();
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            return new BsonH2Database(databaseName);
        }

        /**
         * Opens each collection's and unique index's map with BsonStorage's types just before H2Database
         * opens it by name, which then gets that same open map.
         */
        private final class BsonH2Database extends H2Database {
            BsonH2Database(String databaseName) {
                super(databaseName, getMvStore(), getCursorRegistry());
            }

            @Override
            protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
                getMvStore().openMap("databases." + getFullCollectionNamespace(collectionName), BsonStorage.documents());
                return super.openOrCreateCollection(collectionName, options);
            }

            @Override
            protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                            boolean sparse) {
                getMvStore().openMap(getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                    BsonStorage.uniqueIndex());
                return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
            }
        }

        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            if (!changesData(command, query)) {
                return super.handleCommand(channel, databaseName, command, query);
            }
            Document reply;
            long sequence;
            writeLock.lock();
            try {
                reply = super.handleCommand(channel, databaseName, command, query);
            } finally {
                // Also when the command failed: a failed batch insert may have stored part of it.
                sequence = applied.incrementAndGet();
                writeLock.unlock();
            }
            synchronized (workArrived) {
                workArrived.notify();
            }
            awaitCommit(sequence);
            return reply;
        }

        private void awaitCommit(long sequence) {
            synchronized (committedChanged) {
                while (committed < sequence) {
                    if (commitFailure != null) {
                        // An error reply: the client must not take this write as stored.
                        throw new MongoServerException("could not commit the write: " + commitFailure, commitFailure);
                    }
                    try {
                        committedChanged.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new MongoServerException("interrupted before the write was committed");
                    }
                }
            }
        }

        private void commitLoop() {
            long covered = 0;
            try {
                while (true) {
                    synchronized (workArrived) {
                        while (applied.get() <= covered) {
                            workArrived.wait();
                        }
                    }
                    writeLock.lock();
                    try {
                        covered = applied.get(); // every write numbered so far has finished applying
                        commit();
                    } finally {
                        writeLock.unlock();
                    }
                    synchronized (committedChanged) {
                        committed = covered;
                        committedChanged.notifyAll();
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // MVStore closes itself after a failed write; every waiting and later write gets an error.
                System.err.println("commit failed: " + e);
                synchronized (committedChanged) {
                    commitFailure = e;
                    committedChanged.notifyAll();
                }
            }
        }

        /**
         * Rewrites chunks that are mostly dead so their space can be reused; stands in for H2's background
         * thread. Chunks become reusable only 45 s (H2's retention time) after they stop being current,
         * which is what protects long scans still reading them, so the file holds roughly the last 45 s of
         * writes on top of the data.
         */
        void housekeeping() {
            writeLock.lock(); // compaction commits too: same rule as writes
            try {
                getMvStore().compact(50, 8 * 1024 * 1024);
                commit();
            } finally {
                writeLock.unlock();
            }
        }

        private static boolean changesData(String command, Document query) {
            String name = command.toLowerCase(Locale.ROOT);
            if (name.equals("aggregate")) {
                // Only $out and $merge stages write.
                Object pipeline = query.get("pipeline");
                if (pipeline instanceof List<?> stages) {
                    for (Object stage : stages) {
                        if (stage instanceof Document d && (d.containsKey("$out") || d.containsKey("$merge"))) {
                            return true;
                        }
                    }
                }
                return false;
            }
            return !READ_ONLY.contains(name);
        }
    }

    /** Driver 7 refuses wire versions below 9; the library reports 8 even for MONGO_5_0. */
    private static final MongoVersion MONGO_6_0 = new MongoVersion() {
        @Override
        public List<Integer> getVersionArray() {
            return List.of(6, 0, 0);
        }

        @Override
        public int getWireVersion() {
            return 17;
        }
    };

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: EmbeddedMongo <port> <h2 file>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        File file = new File(args[1]).getAbsoluteFile();
        File dir = file.getParentFile();
        if (dir != null && !dir.isDirectory() && !dir.mkdirs()) {
            throw new IOException("cannot create " + dir);
        }

        // H2's own commits are off (the background one, and the one on 1 MB of unsaved changes): they would
        // commit at moments our lock does not control. Opening fails if another process holds the file, so
        // two writers on one file are impossible.
        // Compression: each commit rewrites whole B-tree pages, about 28 KB per single-document insert;
        // compressed, the file grew about 5x slower in a sustained insert test (6 KB per insert).
        MVStore store = new MVStore.Builder().fileName(file.getPath()).autoCommitDisabled().autoCommitBufferSize(0)
            .compress().open();
        BsonStorage.upgrade(store);
        DurableH2Backend backend = new DurableH2Backend(store);
        backend.version(MONGO_6_0);
        MongoServer server = new MongoServer(backend);
        // One event-loop thread per connection in practice: a write blocks its thread until its commit, and
        // netty's default (2 x cores = 4 threads) would let that stall every other connection on the thread.
        server.bind(new InetSocketAddress("127.0.0.1", port), 0, 32);

        Object stopOnce = new Object();
        boolean[] stopped = {false};
        Runnable stop = () -> {
            synchronized (stopOnce) {
                if (stopped[0]) {
                    return;
                }
                stopped[0] = true;
            }
            // Closes client connections, then the backend, which commits and closes the H2 file.
            server.shutdownNow();
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "embedded-mongo-shutdown"));

        Thread housekeeping = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(5_000);
                    backend.housekeeping();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // The store is closing or compaction failed; data is already committed, so only report.
                    System.err.println("housekeeping: " + e);
                }
            }
        }, "embedded-mongo-housekeeping");
        housekeeping.setDaemon(true);
        housekeeping.start();

        InetSocketAddress address = server.getLocalAddress();
        System.out.println("READY " + address.getPort());
        System.out.flush();

        // The parent holds our stdin open; end of file means it is gone (or wants us gone).
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // Ignore anything written; only the end of the stream matters.
            }
        } catch (IOException e) {
            // Same meaning as end of file.
        }
        System.exit(0); // runs the shutdown hook
    }

    private EmbeddedMongo() {
    }
}
