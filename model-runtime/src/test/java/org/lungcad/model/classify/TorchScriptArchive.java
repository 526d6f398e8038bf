package org.lungcad.model.classify;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.lungcad.model.engine.ModelDescriptor;
import org.lungcad.model.engine.ModelDescriptorReader;

/**
 * Writes a TorchScript module file as {@code torch.jit.save} lays it out, so that the TorchScript loading path can be
 * tested on a machine without Python: a zip whose records sit under one folder ({@code version}, {@code
 * constants.pkl}, {@code data.pkl} — the module object, pickle protocol 2, its tensors as persistent storage records
 * under {@code data/} — and the module's TorchScript source under {@code code/}). libtorch compiles the source and
 * restores the tensors when it loads the file; nothing here runs the network.
 */
public final class TorchScriptArchive {

    /** One float32 tensor attribute of the module, C-contiguous. */
    record Tensor(long[] shape, float[] values) {
    }

    private static final String FOLDER = "lungcad_model";
    /** The oldest file format libtorch 2.x still reads; the format of files with no operator upgraders. */
    private static final String FILE_FORMAT_VERSION = "3";

    private final String className;
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final List<String> forwardBody = new ArrayList<>();

    /** A module {@code __torch__.<className>}. */
    TorchScriptArchive(String className) {
        this.className = className;
    }

    TorchScriptArchive parameter(String name, Tensor t) {
        parameters.put(name, t);
        return this;
    }

    TorchScriptArchive buffer(String name, Tensor t) {
        buffers.put(name, t);
        return this;
    }

    /** One line of {@code forward(self, x: Tensor) -> Tensor}, TorchScript syntax, no indentation. */
    TorchScriptArchive line(String statement) {
        forwardBody.add(statement);
        return this;
    }

    /** The module's source as {@code code/__torch__.py} holds it. */
    String source() {
        StringBuilder s = new StringBuilder("class ").append(className).append("(Module):\n");
        s.append("  __parameters__ = [").append(quotedList(parameters)).append("]\n");
        s.append("  __buffers__ = [").append(quotedList(buffers)).append("]\n");
        for (String name : attributes().keySet()) {
            s.append("  ").append(name).append(" : Tensor\n");
        }
        s.append("  training : bool\n");
        s.append("  def forward(self: __torch__.").append(className).append(",\n    x: Tensor) -> Tensor:\n");
        for (String line : forwardBody) {
            s.append("    ").append(line).append('\n');
        }
        return s.toString();
    }

    void write(Path file) throws IOException {
        Map<String, Tensor> tensors = attributes();
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            stored(zip, "version", (FILE_FORMAT_VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
            stored(zip, "code/__torch__.py", source().getBytes(StandardCharsets.UTF_8));
            stored(zip, "constants.pkl", new Pickle().emptyTuple().stop());
            stored(zip, "data.pkl", moduleObject(tensors));
            int key = 0;
            for (Tensor t : tensors.values()) {
                ByteBuffer b = ByteBuffer.allocate(4 * t.values().length).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(t.values());
                stored(zip, "data/" + key++, b.array());
            }
        }
    }

    private Map<String, Tensor> attributes() {
        Map<String, Tensor> all = new LinkedHashMap<>(parameters);
        all.putAll(buffers);
        return all;
    }

    /** The module as {@code torch.jit.save} pickles it: NEWOBJ of the class, then BUILD with its attribute dict. */
    private byte[] moduleObject(Map<String, Tensor> tensors) {
        Pickle p = new Pickle().global("__torch__", className).emptyTuple().newObj().emptyDict().mark();
        p.string("training").bool(false);
        int key = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            p.string(e.getKey());
            tensor(p, e.getValue(), Integer.toString(key++));
        }
        return p.setItems().build().stop();
    }

    /** {@code torch._utils._rebuild_tensor_v2(storage, 0, size, stride, False, OrderedDict())}. */
    private static void tensor(Pickle p, Tensor t, String key) {
        long[] shape = t.shape();
        long[] stride = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            stride[i] = s;
            s *= shape[i];
        }
        if (s != t.values().length) {
            throw new IllegalArgumentException(t.values().length + " values for shape " + java.util.Arrays.toString(shape));
        }
        p.global("torch._utils", "_rebuild_tensor_v2").mark();
        p.mark().string("storage").global("torch", "FloatStorage").string(key).string("cpu").integer(s).tuple()
                .persistentId();
        p.integer(0).mark();
        for (long d : shape) {
            p.integer(d);
        }
        p.tuple().mark();
        for (long d : stride) {
            p.integer(d);
        }
        p.tuple().bool(false).global("collections", "OrderedDict").emptyTuple().reduce();
        p.tuple().reduce();
    }

    private static String quotedList(Map<String, Tensor> m) {
        StringBuilder s = new StringBuilder();
        for (String name : m.keySet()) {
            s.append('"').append(name).append("\", ");
        }
        return s.toString();
    }

    /**
     * The shipped model as a site would bring one trained elsewhere: {@code lungcad-triplanar-cnn-1} written out as
     * TorchScript source with the shipped weights, in {@code <models>/<name>} with a descriptor naming the file, its
     * checksum and the shipped stacking.
     */
    public static Path exportShipped(Path models, String name) throws IOException {
        Path shipped = BundledModels.extract(BundledModels.NODULE_FPR, models);
        Path dir = Files.createDirectories(models.resolve(name));
        ModelDescriptor d = ModelDescriptorReader.readVerified(shipped);
        List<Tensor> w = shippedParameters(shipped, d);
        TorchScriptArchive ts = new TorchScriptArchive("TriplanarCnn");
        String in = "x";
        int k = 0;
        for (int block = 0; block < 3; block++) {
            String c = "c" + block;
            String b = "bn" + block;
            ts.parameter(c + "_weight", w.get(k++)).parameter(c + "_bias", w.get(k++))
                    .parameter(b + "_weight", w.get(k++)).parameter(b + "_bias", w.get(k++))
                    .buffer(b + "_running_mean", w.get(k++)).buffer(b + "_running_var", w.get(k++));
            ts.line(c + " = torch.conv2d(" + in + ", self." + c + "_weight, self." + c + "_bias, [1, 1], [1, 1])")
                    .line(b + " = torch.batch_norm(" + c + ", self." + b + "_weight, self." + b + "_bias, self." + b
                            + "_running_mean, self." + b + "_running_var, False, 0.1, 1.0000000000000001e-05, False)")
                    .line("p" + block + " = torch.max_pool2d(torch.relu(" + b + "), [2, 2], [2, 2])");
            in = "p" + block;
        }
        ts.parameter("fc0_weight", w.get(k++)).parameter("fc0_bias", w.get(k++))
                .parameter("fc1_weight", w.get(k++)).parameter("fc1_bias", w.get(k++))
                .line("g = torch.mean(" + in + ", [2, 3])")
                .line("h = torch.relu(torch.linear(g, self.fc0_weight, self.fc0_bias))")
                .line("return torch.linear(h, self.fc1_weight, self.fc1_bias)");
        if (k != w.size()) {
            throw new IllegalStateException(w.size() + " shipped parameters, " + k + " written");
        }
        ts.write(dir.resolve("triplanar-cnn.pt"));
        ModelDescriptorReader.write(dir, new ModelDescriptor(name, "2.0.0",
                "lungcad-triplanar-cnn-1 written as TorchScript", ModelDescriptor.WeightsFormat.TORCHSCRIPT,
                d.input(), d.output(), "triplanar-cnn.pt", ModelDescriptorReader.sha256(dir.resolve("triplanar-cnn.pt")),
                d.stacking(), "the shipped weights, exported by a test", d.metrics()));
        return dir;
    }

    /** The shipped DJL parameters in block order: per conv block weight, bias, gamma, beta, mean, var; then linears. */
    private static List<Tensor> shippedParameters(Path dir, ModelDescriptor d) throws IOException {
        Block block = Architectures.create(d.architecture(), d.input());
        List<Tensor> out = new ArrayList<>();
        try (Model model = Model.newInstance("export", Device.cpu(), "PyTorch");
             InputStream in = Files.newInputStream(dir.resolve(d.weightsFile()));
             DataInputStream data = new DataInputStream(in)) {
            model.setBlock(block);
            block.loadParameters(model.getNDManager(), data);
            String[] kinds = {"weight", "bias", "gamma", "beta", "runningMean", "runningVar"};
            for (Pair<String, Parameter> p : block.getParameters()) {
                int i = out.size();
                String kind = i < 18 ? kinds[i % 6] : kinds[i % 2];
                if (!p.getKey().endsWith("_" + kind)) {
                    throw new IllegalStateException("parameter " + i + " is " + p.getKey() + ", expected a " + kind);
                }
                NDArray a = p.getValue().getArray();
                out.add(new Tensor(a.getShape().getShape(), a.toFloatArray()));
            }
        } catch (MalformedModelException e) {
            throw new IOException(e);
        }
        return out;
    }

    /** A zip entry without compression: libtorch reads records in place. */
    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(FOLDER + "/" + name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    /** The pickle protocol 2 opcodes libtorch's unpickler reads. */
    private static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickle() {
            out.write(0x80); // PROTO
            out.write(2);
        }

        Pickle global(String module, String name) {
            out.write('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Pickle string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.write('X'); // BINUNICODE
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
            out.writeBytes(b);
            return this;
        }

        Pickle integer(long v) {
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("integer out of BININT range: " + v);
            }
            out.write('J'); // BININT
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
            return this;
        }

        Pickle bool(boolean v) {
            out.write(v ? 0x88 : 0x89); // NEWTRUE / NEWFALSE
            return this;
        }

        Pickle mark() {
            return op('(');
        }

        Pickle tuple() {
            return op('t');
        }

        Pickle emptyTuple() {
            return op(')');
        }

        Pickle emptyDict() {
            return op('}');
        }

        Pickle setItems() {
            return op('u');
        }

        Pickle newObj() {
            return op(0x81);
        }

        Pickle build() {
            return op('b');
        }

        Pickle reduce() {
            return op('R');
        }

        Pickle persistentId() {
            return op('Q'); // BINPERSID
        }

        byte[] stop() {
            op('.');
            return out.toByteArray();
        }

        private Pickle op(int code) {
            out.write(code);
            return this;
        }
    }
}
