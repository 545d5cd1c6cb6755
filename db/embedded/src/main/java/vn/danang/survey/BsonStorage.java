// How documents and unique-index keys are stored in the H2 file: as BSON, instead of the Java serialization
// that H2's default ObjectDataType falls back to. Java serialization took about half of the database's CPU
// under insert load: it rebuilt class descriptors for every value on every page write, and compared two
// index keys by serializing both (KeyValue is not Comparable) at every step of every B-tree search.
package vn.danang.survey;

import java.nio.ByteBuffer;
import java.util.ArrayList;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

final class BsonStorage {

    // Tags after ObjectDataType's own (its last is 104 + 15). Anything BSON cannot hold (the library's
    // Missing in a key, say) is still written by ObjectDataType, under its own tags, and read back by it.
    private static final byte DOCUMENT = 120;
    private static final byte KEY = 121;

    private static final String FORMAT_MAP = "vn.danang.survey.format";
    private static final Integer FORMAT = 2;

    /** Builder for a collection's documents ("databases.db.coll", keyed by _id as before). */
    static MVMap.Builder<Object, Object> documents() {
        return new MVMap.Builder<>().valueType(new Documents());
    }

    /** Builder for a unique index ("db.coll._index_name", KeyValue → _id). */
    static MVMap.Builder<Object, Object> uniqueIndex() {
        return new MVMap.Builder<>().keyType(new Keys());
    }

    private static MVMap.Builder<Object, Object> builderFor(String mapName) {
        if (mapName.startsWith("databases.")) return documents();
        if (mapName.contains("._index_")) return uniqueIndex();
        return null;
    }

    /**
     * Rewrites a file from before this format (Java-serialized documents and keys, keys in another order)
     * once, in one commit: a crash during the upgrade leaves the old file as it was, to upgrade next time.
     */
    static void upgrade(MVStore store) {
        MVMap<String, Object> format = store.openMap(FORMAT_MAP);
        if (FORMAT.equals(format.get("storage"))) return;
        for (String name : new ArrayList<>(store.getMapNames())) {
            MVMap.Builder<Object, Object> builder = builderFor(name);
            if (builder == null) continue;
            MVMap<Object, Object> old = store.openMap(name);
            MVMap<Object, Object> copy = store.openMap(name + ".upgrading", builder);
            copy.putAll(old);
            store.removeMap(old);
            store.renameMap(copy, name);
        }
        format.put("storage", FORMAT);
        store.commit();
    }

    /**
     * One encoding buffer per thread, reused: a fresh buffer per document grew by doubling and copying
     * (256 B to 4 KB for a response) and was about a sixth of the database's CPU under insert load.
     */
    private static final ThreadLocal<ByteBuf> ENCODER = ThreadLocal.withInitial(() -> Unpooled.buffer(16 * 1024));
    private static final int KEEP_AT_MOST = 1 << 20;

    private static byte[] bson(Document document) {
        ByteBuf buffer = ENCODER.get();
        buffer.clear();
        try {
            BsonEncoder.encodeDocument(document, buffer);
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return bytes;
        } catch (IllegalArgumentException e) {
            return null; // a value BSON cannot hold
        } finally {
            buffer.clear();
            if (buffer.capacity() > KEEP_AT_MOST) ENCODER.remove(); // do not hold on to one huge document's buffer
        }
    }

    private static Document readBson(ByteBuffer buff) {
        byte[] bytes = new byte[DataUtils.readVarInt(buff)];
        buff.get(bytes);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
    }

    private static void writeBson(WriteBuffer buff, byte tag, byte[] bytes) {
        buff.put(tag).putVarInt(bytes.length).put(bytes);
    }

    /** Document values as BSON. */
    static final class Documents extends ObjectDataType {
        @Override
        public void write(WriteBuffer buff, Object obj) {
            byte[] bytes = obj instanceof Document d ? bson(d) : null;
            if (bytes == null) super.write(buff, obj);
            else writeBson(buff, DOCUMENT, bytes);
        }

        @Override
        public Object read(ByteBuffer buff) {
            if (buff.get(buff.position()) != DOCUMENT) return super.read(buff);
            buff.get();
            return readBson(buff);
        }

        @Override
        public int getMemory(Object obj) {
            // Sizes pages for splitting (at 16 KB) and caching; measuring each document would cost an encoding.
            // A commit rewrites every page a write touched, and responses land on random pages (random _id), so
            // each document on such a page is encoded and compressed again. One document a leaf keeps that to
            // the new one: against four a leaf, database CPU per submission fell about 13% and the file per
            // response stayed about the same (12 KB before compaction), a full scan took about 7% longer; 1 KB
            // (about 14 a leaf) cost more CPU still.
            return obj instanceof Document ? 16 * 1024 : super.getMemory(obj);
        }
    }

    /** Index keys as BSON documents {"0": v0, "1": v1, …}, ordered by those bytes: equal keys, equal bytes. */
    static final class Keys extends ObjectDataType {
        /**
         * Encodings of recently compared keys, by identity (direct-mapped, 1024 slots). A B-tree search
         * compares one key against about twenty others, and each page read brings the same key objects
         * again: without it, every comparison encoded both of its keys. KeyValue is immutable; an entry
         * holds its key and bytes together, so a racy read sees a whole entry or another one.
         */
        private record Encoded(KeyValue key, byte[] bytes) {
        }

        private static final Encoded[] RECENT = new Encoded[1024];

        private static byte[] cachedBson(KeyValue key) {
            int slot = System.identityHashCode(key) & (RECENT.length - 1);
            Encoded hit = RECENT[slot];
            if (hit != null && hit.key == key) return hit.bytes;
            byte[] bytes = bson(key);
            if (bytes != null) RECENT[slot] = new Encoded(key, bytes);
            return bytes;
        }

        private static byte[] bson(KeyValue key) {
            Document document = new Document();
            for (int i = 0; i < key.size(); i++) {
                document.put(Integer.toString(i), key.get(i));
            }
            return BsonStorage.bson(document);
        }

        @Override
        public int compare(Object a, Object b) {
            if (a instanceof KeyValue x && b instanceof KeyValue y) {
                byte[] bx = cachedBson(x);
                byte[] by = cachedBson(y);
                if (bx != null && by != null) return compareNotNull(bx, by);
                if (bx != null || by != null) return bx != null ? -1 : 1; // BSON-able keys first
            }
            return super.compare(a, b);
        }

        @Override
        public void write(WriteBuffer buff, Object obj) {
            byte[] bytes = obj instanceof KeyValue k ? bson(k) : null;
            if (bytes == null) super.write(buff, obj);
            else writeBson(buff, KEY, bytes);
        }

        @Override
        public Object read(ByteBuffer buff) {
            if (buff.get(buff.position()) != KEY) return super.read(buff);
            buff.get();
            return new KeyValue(readBson(buff).values());
        }

        @Override
        public int getMemory(Object obj) {
            return obj instanceof KeyValue ? 96 : super.getMemory(obj);
        }
    }

    private BsonStorage() {
    }
}
