/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.BlockList;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import com.google.gson.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A save that fails leaves the old file as it was and no temporary file behind. */
class ModelFileAtomicityTest {

    @TempDir Path dir;

    @BeforeAll
    static void register() {
        TestNets.registerFlatten();
        BlockSpecs.register(new FailingSave.Handler());
    }

    @Test
    void aLambdaBlockIsRefusedByPathAndNothingIsWritten() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path file = goodFile(manager);
            byte[] good = Files.readAllBytes(file);
            SequentialBlock inner =
                    new SequentialBlock().add(TestNets.conv(2)).add(Activation::relu);
            SequentialBlock net = new SequentialBlock().add(TestNets.conv(2)).add(inner);
            net.initialize(manager, DataType.FLOAT32, TestNets.INPUT);

            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> ModelFile.save(net, file));

            String message = e.getMessage();
            assertTrue(message.contains("'02SequentialBlock/02LambdaBlock'"), message);
            assertTrue(message.contains("ai.djl.nn.LambdaBlock"), message);
            assertTrue(message.contains("ai.fasterai.core.nn"), message);
            assertTrue(message.contains("BlockSpecs.register"), message);
            assertArrayEquals(good, Files.readAllBytes(file));
            assertEquals(List.of(file.getFileName().toString()), fileNames());
        }
    }

    @Test
    void aParallelBlockIsRefused() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block parallel =
                    new ParallelBlock(
                            outputs -> new NDList(outputs.get(0).singletonOrThrow()),
                            List.of(Linear.builder().setUnits(2).build()));
            SequentialBlock net = new SequentialBlock().add(parallel);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            Path file = dir.resolve("parallel.fai");

            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> ModelFile.save(net, file));

            assertTrue(e.getMessage().contains("'01ParallelBlock'"), e.getMessage());
            assertTrue(e.getMessage().contains("ai.djl.nn.ParallelBlock"), e.getMessage());
            assertTrue(Files.notExists(file));
            assertEquals(List.of(), fileNames());
        }
    }

    @Test
    void aWriteThatFailsMidwayKeepsTheOldFile() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path file = goodFile(manager);
            byte[] good = Files.readAllBytes(file);
            SequentialBlock net =
                    new SequentialBlock().add(TestNets.conv(2)).add(new FailingSave());
            net.initialize(manager, DataType.FLOAT32, TestNets.INPUT);

            IOException e = assertThrows(IOException.class, () -> ModelFile.save(net, file));

            assertTrue(e.getMessage().contains("disk full on purpose"), e.getMessage());
            assertArrayEquals(good, Files.readAllBytes(file));
            assertEquals(List.of(file.getFileName().toString()), fileNames());
        }
    }

    private Path goodFile(NDManager manager) throws IOException {
        SequentialBlock net = TestNets.cnn(3);
        net.initialize(manager, DataType.FLOAT32, TestNets.INPUT);
        Path file = dir.resolve("good.fai");
        ModelFile.save(net, file);
        return file;
    }

    private List<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toList());
        }
    }

    /** A block that can be described but fails while its parameters are written. */
    static final class FailingSave extends AbstractBlock {
        @Override
        protected NDList forwardInternal(
                ParameterStore parameterStore,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            return inputs;
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputs) {
            return inputs;
        }

        @Override
        protected void saveMetadata(DataOutputStream os) throws IOException {
            os.write(new byte[1000]);
            throw new IOException("disk full on purpose");
        }

        /** Its handler. */
        static final class Handler implements BlockSpecHandler<FailingSave> {
            @Override
            public String typeName() {
                return "test.FailingSave";
            }

            @Override
            public Class<FailingSave> blockClass() {
                return FailingSave.class;
            }

            @Override
            public JsonObject writeSettings(FailingSave block) {
                return new JsonObject();
            }

            @Override
            public FailingSave create(JsonObject settings, BlockList children) {
                return new FailingSave();
            }
        }
    }
}
