// The torch-free checkpoint parsers against valid files built here and against forged and
// corrupted ones: every malformed file must give a FileError, never a crash, a hang or a read
// outside the file. This executable is also built and run under AddressSanitizer and UBSan.

#include "checkpoint/format.h"
#include "checkpoint/mapped_file.h"
#include "checkpoint_files.h"
#include "common/error.h"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <random>
#include <unistd.h>

namespace flashface::checkpoint {
namespace {

using test::Bytes;
using test::PickleWriter;
using test::TensorSpec;

const std::filesystem::path kFile = "forged.ckpt";

CheckpointIndex parse(const Bytes& bytes) { return parseCheckpoint(kFile, bytes); }

// Reads every byte a record claims, so the sanitizers see any read outside the buffer.
unsigned touchEverything(const Bytes& bytes, const CheckpointIndex& index) {
    unsigned sum = 0;
    for (const TensorRecord& tensor : index.tensors)
        for (const std::byte b : viewBytes(bytes, index, tensor)) sum += std::to_integer<unsigned>(b);
    return sum;
}

// Parses a possibly corrupt file: the only acceptable outcomes are a FileError naming the file
// or an index whose every record lies inside the file.
::testing::AssertionResult parsesOrFails(const Bytes& bytes) {
    try {
        touchEverything(bytes, parse(bytes));
    } catch (const FileError& e) {
        if (e.file() != kFile) return ::testing::AssertionFailure() << "the error names " << e.file();
    } catch (const std::exception& e) {
        return ::testing::AssertionFailure() << "not a FileError: " << e.what();
    }
    return ::testing::AssertionSuccess();
}

// The message of the FileError parsing `bytes` throws ("" when it parses).
std::string errorOf(const Bytes& bytes) {
    try {
        parse(bytes);
    } catch (const FileError& e) {
        return e.what();
    }
    return "";
}

#define EXPECT_REFUSED(bytes, fragment)                              \
    do {                                                             \
        const std::string message = errorOf(bytes);                  \
        EXPECT_NE(message.find(fragment), std::string::npos)         \
            << "expected an error mentioning \"" << (fragment)       \
            << "\", got: " << (message.empty() ? "no error" : message); \
    } while (0)

Bytes storageBytes(std::size_t size) { return Bytes(size, std::byte{7}); }

// A one-tensor checkpoint whose data.pkl is `pickle`.
Bytes withPickle(const Bytes& pickle) { return test::torchCheckpoint(pickle, {{"0", storageBytes(16)}}); }

// ---------------------------------------------------------------------------------------------
// Valid files

void expectSampleIndex(const Bytes& file) {
    const CheckpointIndex index = parse(file);
    EXPECT_EQ(index.format, Format::TorchZip);
    ASSERT_EQ(index.tensors.size(), 6u);
    const std::vector<std::string> names{"embed.weight", "embed.weight_t", "norm.bias", "steps", "proj.weight", "sub.inner"};
    const std::vector<DType> dtypes{DType::Float32, DType::Float32, DType::Float16, DType::Int64, DType::BFloat16, DType::Float32};
    for (std::size_t i = 0; i < names.size(); ++i) {
        EXPECT_EQ(index.tensors[i].name, names[i]);
        EXPECT_EQ(index.tensors[i].dtype, dtypes[i]) << names[i];
    }
    ASSERT_EQ(index.storages.size(), 4u);  // "0" is shared by three tensors
    EXPECT_EQ(index.tensors[0].storage, index.tensors[1].storage);
    EXPECT_EQ(index.tensors[0].storage, index.tensors[5].storage);
    EXPECT_EQ(index.storages[index.tensors[0].storage].key, "archive/data/0");
    EXPECT_EQ(index.storages[index.tensors[0].storage].nbytes, 48u);
    EXPECT_EQ(index.storages[index.tensors[0].storage].offset % 64, 0u);  // torch's alignment survives

    const TensorRecord& transposed = index.tensors[1];
    EXPECT_EQ(transposed.shape, (std::vector<std::int64_t>{4, 2}));
    EXPECT_EQ(transposed.strides, (std::vector<std::int64_t>{1, 4}));
    EXPECT_EQ(transposed.storageOffset, 1);
    EXPECT_EQ(viewSpan(transposed).count, 8);
    EXPECT_TRUE(index.tensors[3].shape.empty());
    EXPECT_EQ(viewSpan(index.tensors[3]).count, 1);
    EXPECT_EQ(index.tensors[5].strides, (std::vector<std::int64_t>{2}));
    EXPECT_EQ(index.tensors[5].storageOffset, 4);

    // The storage's bytes are the ones written for key "0" (pattern seed 1).
    const StorageRecord& shared = index.storages[index.tensors[0].storage];
    for (std::size_t i = 0; i < shared.nbytes; ++i)
        ASSERT_EQ(std::to_integer<std::uint8_t>(file[shared.offset + i]), static_cast<std::uint8_t>(i * 37 + 1));
}

TEST(TorchZip, ReadsStateDictWithViewsSharedStoragesParametersAndNesting) { expectSampleIndex(test::sampleTorchCheckpoint()); }

TEST(TorchZip, ReadsZip64Archives) { expectSampleIndex(test::sampleTorchCheckpoint(/*zip64=*/true)); }

TEST(TorchZip, AcceptsProtocol4Framing) {
    PickleWriter pickle;
    pickle.proto(4).op(0x95).raw(Bytes(8, std::byte{0}));  // FRAME with a length hint
    pickle.stackGlobal("collections", "OrderedDict").op(0x94).emptyTuple().reduce().mark();
    pickle.string("w").tensor("FloatStorage", "0", 4, 0, {4}, {1}).setItems().stop();
    const auto index = parse(withPickle(pickle.bytes()));
    ASSERT_EQ(index.tensors.size(), 1u);
    EXPECT_EQ(index.tensors[0].name, "w");
}

TEST(TorchZip, SkipsValuesThatAreNotTensors) {
    PickleWriter pickle;
    pickle.proto().emptyDict().mark();
    pickle.string("epoch").integer(3).string("name").string("x").string("nothing").none();
    pickle.string("w").tensor("FloatStorage", "0", 4, 0, {2, 2}, {2, 1}).setItems().stop();
    const auto index = parse(withPickle(pickle.bytes()));
    ASSERT_EQ(index.tensors.size(), 1u);
    EXPECT_EQ(index.tensors[0].name, "w");
}

TEST(SafeTensors, ReadsHeaderAndIgnoresMetadata) {
    const Bytes file = test::sampleSafeTensors();
    const CheckpointIndex index = parse(file);
    EXPECT_EQ(index.format, Format::SafeTensors);
    ASSERT_EQ(index.tensors.size(), 4u);
    EXPECT_EQ(index.tensors[0].name, "a");
    EXPECT_EQ(index.tensors[0].shape, (std::vector<std::int64_t>{2, 3}));
    EXPECT_EQ(index.tensors[0].strides, (std::vector<std::int64_t>{3, 1}));
    EXPECT_EQ(index.tensors[1].dtype, DType::Float16);
    EXPECT_EQ(index.tensors[2].dtype, DType::Int64);
    EXPECT_TRUE(index.tensors[2].shape.empty());
    EXPECT_EQ(index.tensors[3].dtype, DType::Bool);
    EXPECT_EQ(viewSpan(index.tensors[3]).count, 0);
    const std::uint64_t dataStart = file.size() - 38;
    EXPECT_EQ(index.storages[index.tensors[1].storage].offset, dataStart + 24);
    EXPECT_EQ(index.storages[index.tensors[1].storage].nbytes, 6u);
}

// ---------------------------------------------------------------------------------------------
// Detection and files

TEST(Detection, RefusesLegacyTorchFilesWithAdvice) {
    EXPECT_REFUSED(test::bytesOf("\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19."), "re-save it with a recent torch");
    Bytes tar(1024, std::byte{0});
    std::memcpy(tar.data() + 257, "ustar", 5);
    EXPECT_REFUSED(tar, "legacy");
}

TEST(Detection, RefusesUnknownAndEmptyFiles) {
    EXPECT_REFUSED(Bytes{}, "it is neither a torch zip archive (.pth/.ckpt) nor a safetensors file");
    EXPECT_REFUSED(test::bytesOf("GIF89a, not a checkpoint at all"), "neither");
}

TEST(Detection, ErrorsNameTheFile) {
    try {
        parse(Bytes{});
        FAIL() << "an empty file parsed";
    } catch (const FileError& e) {
        EXPECT_EQ(e.file(), kFile);
        EXPECT_EQ(std::string(e.what()).rfind(kFile.string(), 0), 0u);
    }
}

TEST(MappedFile, MissingAndEmptyFilesAreFileErrors) {
    EXPECT_THROW(MappedFile("/nonexistent/dir/weights.pth"), FileError);
    const auto empty = std::filesystem::temp_directory_path() / ("flashface_empty_" + std::to_string(::getpid()));
    std::ofstream(empty).close();
    const MappedFile mapped(empty);
    EXPECT_TRUE(mapped.bytes().empty());
    EXPECT_THROW(parseCheckpoint(empty, mapped.bytes()), FileError);
    std::filesystem::remove(empty);
    EXPECT_THROW(MappedFile(std::filesystem::temp_directory_path()), FileError);  // a directory
}

// ---------------------------------------------------------------------------------------------
// Forged pickles

TEST(Pickle, RefusesGlobalsThatCouldRunCode) {
    PickleWriter system;
    system.proto().global("posix", "system").string("touch /tmp/pwned").op(0x85).reduce().stop();
    EXPECT_REFUSED(withPickle(system.bytes()),
                   "refusing to load: the pickle references posix.system; a checkpoint may only contain tensors");

    PickleWriter os;
    os.proto().global("os", "system").stop();
    EXPECT_REFUSED(withPickle(os.bytes()), "references os.system");

    PickleWriter eval;
    eval.proto().stackGlobal("builtins", "eval").string("__import__('os')").op(0x85).reduce().stop();
    EXPECT_REFUSED(withPickle(eval.bytes()), "references builtins.eval");

    // Hidden inside an otherwise valid state dict, as a tensor's value.
    PickleWriter hidden;
    hidden.proto().global("collections", "OrderedDict").emptyTuple().reduce().mark();
    hidden.string("w").tensor("FloatStorage", "0", 4, 0, {4}, {1});
    hidden.string("x").global("subprocess", "Popen").string("ls").op(0x85).reduce().setItems().stop();
    EXPECT_REFUSED(withPickle(hidden.bytes()), "references subprocess.Popen");

    // torch-looking names that are not on the list.
    PickleWriter torchLoad;
    torchLoad.proto().global("torch", "load").stop();
    EXPECT_REFUSED(withPickle(torchLoad.bytes()), "references torch.load");
    PickleWriter rebuild;
    rebuild.proto().global("torch._utils", "_rebuild_qtensor").stop();
    EXPECT_REFUSED(withPickle(rebuild.bytes()), "references torch._utils._rebuild_qtensor");
}

TEST(Pickle, RefusesStructuresAStateDictNeverHas) {
    const auto refused = [](PickleWriter& pickle, const char* fragment) { EXPECT_REFUSED(withPickle(pickle.bytes()), fragment); };
    { PickleWriter p; p.proto().emptyDict(); refused(p, "without a STOP"); }
    { PickleWriter p; p.proto().op('i').stop(); refused(p, "unsupported pickle opcode 0x69"); }
    { PickleWriter p; p.proto().op(0xff).stop(); refused(p, "unsupported pickle opcode 0xff"); }
    { PickleWriter p; p.proto().setItem().stop(); refused(p, "underflows"); }
    { PickleWriter p; p.proto().stop(); refused(p, "underflows"); }
    { PickleWriter p; p.proto().emptyDict().tuple().stop(); refused(p, "MARK"); }
    { PickleWriter p; p.proto().emptyDict().mark().setItem().stop(); refused(p, "underflows"); }  // below the mark
    { PickleWriter p; p.proto().get(9).stop(); refused(p, "memo entry 9"); }
    { PickleWriter p; p.proto().op(0x80).op(9).stop(); refused(p, "protocol 9"); }
    { PickleWriter p; p.proto().emptyTuple().emptyDict().build().stop(); refused(p, "not a dict"); }
    { PickleWriter p; p.proto().emptyDict().mark().string("k").setItems().stop(); refused(p, "without a value"); }
    { PickleWriter p; p.proto().emptyTuple().string("k").integer(1).setItem().stop(); refused(p, "not a dict"); }
    { PickleWriter p; p.proto().emptyDict().integer(1).op('a').stop(); refused(p, "not a list"); }
    { PickleWriter p; p.proto().emptyTuple().stop(); refused(p, "other than a state dict"); }
    { PickleWriter p; p.proto().op('X').raw(test::bytesOf("\xff\xff\xff\x7f")).stop(); refused(p, "past the end"); }
    { PickleWriter p; p.proto().op(0x8d).raw(Bytes(8, std::byte{0xff})).stop(); refused(p, "past the end"); }
    { PickleWriter p; p.proto().op(0x8a).op(9).raw(Bytes(9, std::byte{1})).stop(); refused(p, "too large"); }
    { PickleWriter p; p.proto().op('c').raw(Bytes(300, std::byte{'a'})).stop(); refused(p, "too long"); }
    { PickleWriter p; p.proto().op('c').raw(test::bytesOf("os")); refused(p, "past the end"); }
    { PickleWriter p; p.proto().global("torch", "FloatStorage").emptyTuple().reduce().stop(); refused(p, "storage type"); }
    { PickleWriter p; p.proto().global("collections", "OrderedDict").integer(1).op(0x85).reduce().stop(); refused(p, "with arguments"); }
}

TEST(Pickle, RefusesSelfReferenceAndDeepNesting) {
    PickleWriter cycle;  // d = {}; d["d"] = d
    cycle.proto().emptyDict().put(0).string("d").get(0).setItem().stop();
    EXPECT_REFUSED(withPickle(cycle.bytes()), "the same dict twice");

    PickleWriter shared;  // the same sub-dict under two names
    shared.proto().emptyDict().mark().string("a").emptyDict().put(1).string("b").get(1).setItems().stop();
    EXPECT_REFUSED(withPickle(shared.bytes()), "the same dict twice");

    PickleWriter deep;
    deep.proto().emptyDict();
    for (int i = 0; i < 40; ++i) deep.string("k").emptyDict();
    for (int i = 0; i < 40; ++i) deep.setItem();
    deep.stop();
    EXPECT_REFUSED(withPickle(deep.bytes()), "nested too deeply");

    // Deeply nested tuples: built iteratively and freed without recursion.
    PickleWriter tuples;
    tuples.proto().emptyTuple();
    for (int i = 0; i < 100'000; ++i) tuples.op(0x85);
    tuples.stop();
    EXPECT_REFUSED(withPickle(tuples.bytes()), "other than a state dict");
}

TEST(Pickle, RefusesForgedTensors) {
    const auto oneTensor = [](std::string_view type, std::int64_t numel, std::int32_t offset,
                              std::vector<std::int32_t> shape, std::vector<std::int32_t> strides) {
        return test::stateDictPickle({{"w", std::string(type), "0", numel, offset, std::move(shape), std::move(strides)}});
    };
    EXPECT_EQ(errorOf(withPickle(oneTensor("FloatStorage", 4, 0, {4}, {1}))), "");  // valid: 4 floats = 16 bytes
    EXPECT_REFUSED(withPickle(oneTensor("FloatStorage", 4, 1, {4}, {1})), "which holds only 4");
    EXPECT_REFUSED(withPickle(oneTensor("FloatStorage", 4, 0, {2, 2}, {3, 1})), "which holds only 4");
    EXPECT_REFUSED(withPickle(oneTensor("FloatStorage", 4, -1, {2}, {1})), "negative storage offset");
    EXPECT_REFUSED(withPickle(oneTensor("FloatStorage", 4, 0, {-2}, {1})), "negative dimension");
    EXPECT_REFUSED(withPickle(oneTensor("FloatStorage", 4, 0, {2}, {-1})), "negative stride");
    EXPECT_REFUSED(withPickle(oneTensor("FloatStorage", 4, 0, {2, 2}, {1})), "strides");
    EXPECT_REFUSED(withPickle(oneTensor("FloatStorage", 4, 0, {65536, 65536, 65536, 65536}, {1, 1, 1, 1})),
                   "more elements than can be addressed");
    EXPECT_REFUSED(withPickle(oneTensor("FloatStorage", 4, 0, {2, 2}, {0x7fffffff, 0x7fffffff})), "holds only 4");
    EXPECT_REFUSED(withPickle(oneTensor("HalfStorage", 4, 0, {4}, {1})), "declares 4 float16 values");
    EXPECT_REFUSED(withPickle(oneTensor("FloatStorage", 5, 0, {4}, {1})), "holds 16 bytes");
    EXPECT_REFUSED(withPickle(oneTensor("ComplexFloatStorage", 2, 0, {2}, {1})), "torch.ComplexFloatStorage");

    // The same storage key described as two dtypes.
    const Bytes twoTypes = test::stateDictPickle({{"a", "FloatStorage", "0", 4, 0, {4}, {1}},
                                                  {"b", "IntStorage", "0", 4, 0, {4}, {1}}});
    EXPECT_REFUSED(withPickle(twoTypes), "described twice");
    // Two tensors with one name.
    const Bytes twice = test::stateDictPickle({{"a", "FloatStorage", "0", 4, 0, {4}, {1}},
                                               {"a", "FloatStorage", "0", 4, 0, {2}, {1}}});
    EXPECT_REFUSED(withPickle(twice), "appears twice");
    // A storage the archive does not hold.
    const Bytes missing = test::stateDictPickle({{"a", "FloatStorage", "7", 4, 0, {4}, {1}}});
    EXPECT_REFUSED(withPickle(missing), "archive/data/7");

    PickleWriter badId;
    badId.proto().emptyDict().string("w").global("torch._utils", "_rebuild_tensor_v2").mark();
    badId.mark().string("storage").string("not a type").string("0").string("cpu").integer(4).tuple().persistentId();
    EXPECT_REFUSED(withPickle(badId.bytes()), "storage type");
    PickleWriter notTuple;
    notTuple.proto().string("0").persistentId().stop();
    EXPECT_REFUSED(withPickle(notTuple.bytes()), "persistent id");
    PickleWriter slash;
    slash.proto().mark().string("storage").global("torch", "FloatStorage").string("../0").string("cpu").integer(4);
    slash.tuple().persistentId().stop();
    EXPECT_REFUSED(withPickle(slash.bytes()), "storage key");
}

// ---------------------------------------------------------------------------------------------
// Forged zips

TEST(Zip, RefusesWhatTorchNeverWrites) {
    const Bytes pickle = test::stateDictPickle({{"w", "FloatStorage", "0", 4, 0, {4}, {1}}});
    const auto archive = [&](std::uint16_t method, std::uint16_t flags) {
        return test::zipArchive({{"archive/data.pkl", pickle}, {"archive/data/0", storageBytes(16), method, flags}});
    };
    EXPECT_EQ(errorOf(archive(0, 0)), "");
    EXPECT_REFUSED(archive(8, 0), "entry \"archive/data/0\" is compressed (method 8)");
    EXPECT_REFUSED(archive(0, 1), "encrypted");
    EXPECT_REFUSED(test::zipArchive({{"archive/other.pkl", pickle}}), "no <archive>/data.pkl");
    EXPECT_REFUSED(test::zipArchive({{"data.pkl", pickle}}), "no <archive>/data.pkl");
    EXPECT_REFUSED(test::zipArchive({{"a/data.pkl", pickle}, {"b/data.pkl", pickle}}), "two state dicts");
    EXPECT_REFUSED(test::zipArchive({{"a/data.pkl", pickle}, {"a/data.pkl", pickle}}), "twice");
    EXPECT_REFUSED(test::zipArchive({}), "no <archive>/data.pkl");
    EXPECT_REFUSED(test::zipArchive({{"archive/data.pkl", pickle}, {"archive/data/0", storageBytes(16)},
                                     {"archive/byteorder", test::bytesOf("big")}}),
                   "big-endian");
}

// Offsets of the zip records in `file` (searched for by signature).
std::size_t findLast(const Bytes& file, std::uint32_t signature) {
    for (std::size_t pos = file.size() - 4; pos-- > 0;) {
        std::uint32_t value = 0;
        std::memcpy(&value, file.data() + pos, 4);
        if (value == signature) return pos;
    }
    return std::string::npos;
}

void poke32(Bytes& file, std::size_t pos, std::uint32_t value) { std::memcpy(file.data() + pos, &value, 4); }
void poke16(Bytes& file, std::size_t pos, std::uint16_t value) { std::memcpy(file.data() + pos, &value, 2); }

TEST(Zip, RefusesInconsistentDirectories) {
    const Bytes good = test::sampleTorchCheckpoint();
    const std::size_t end = findLast(good, 0x06054b50);
    const std::size_t central = findLast(good, 0x02014b50);  // the last entry's header
    ASSERT_NE(end, std::string::npos);
    ASSERT_NE(central, std::string::npos);

    Bytes moreEntries = good;
    poke16(moreEntries, end + 8, 0x7fff);
    poke16(moreEntries, end + 10, 0x7fff);
    EXPECT_REFUSED(moreEntries, "more entries");

    Bytes directoryOutside = good;
    poke32(directoryOutside, end + 16, 0x7fffffff);
    EXPECT_REFUSED(directoryOutside, "outside the file");

    Bytes multiDisk = good;
    poke16(multiDisk, end + 4, 1);
    EXPECT_REFUSED(multiDisk, "multi-disk");

    Bytes localOutside = good;
    poke32(localOutside, central + 42, 0x7fffffff);
    EXPECT_REFUSED(localOutside, "starts beyond the end");

    Bytes wrongLocal = good;
    poke32(wrongLocal, central + 42, 0);  // points at data.pkl's local header
    EXPECT_REFUSED(wrongLocal, "local header naming");

    Bytes sizesDiffer = good;
    poke32(sizesDiffer, central + 20, 1);
    EXPECT_REFUSED(sizesDiffer, "two sizes differ");

    Bytes tooLarge = good;
    poke32(tooLarge, central + 20, 0x10000);
    poke32(tooLarge, central + 24, 0x10000);
    EXPECT_REFUSED(tooLarge, "runs into the central directory");

    Bytes comment = good;  // a comment the end record does not announce
    comment.push_back(std::byte{'x'});
    EXPECT_REFUSED(comment, "end-of-directory record is missing");

    const Bytes good64 = test::sampleTorchCheckpoint(true);
    Bytes locator = good64;
    const std::size_t locatorPos = findLast(good64, 0x07064b50);
    ASSERT_NE(locatorPos, std::string::npos);
    poke32(locator, locatorPos + 8, 0x7ffffff0);
    EXPECT_REFUSED(locator, "zip64 end-of-directory record lies outside");
    Bytes extra = good64;
    const std::size_t central64 = findLast(good64, 0x02014b50);
    poke16(extra, central64 + 30, 12);  // the extra field shrinks, the zip64 values no longer fit
    EXPECT_REFUSED(extra, "extra field");
}

// ---------------------------------------------------------------------------------------------
// Forged safetensors headers

Bytes header(std::string_view json, std::size_t dataSize = 16) { return test::safetensorsFile(json, Bytes(dataSize)); }

TEST(SafeTensors, RefusesBadHeaders) {
    EXPECT_EQ(errorOf(header(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})")), "");
    EXPECT_REFUSED(header(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})"),
                   "overlap");
    EXPECT_REFUSED(header(R"({"a":{"dtype":"F32","shape":[8],"data_offsets":[0,32]}})"), "outside the 16 data bytes");
    EXPECT_REFUSED(header(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[12,8]}})"), "outside");
    EXPECT_REFUSED(header(R"({"a":{"dtype":"F8_E4M3","shape":[16],"data_offsets":[0,16]}})"), "unsupported dtype \"F8_E4M3\"");
    EXPECT_REFUSED(header(R"({"a":{"dtype":7,"shape":[4],"data_offsets":[0,16]}})"), "dtype must be a string");
    EXPECT_REFUSED(header(R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,16]}})"), "need 3 × 4");
    EXPECT_REFUSED(header(R"({"a":{"dtype":"F32","shape":[-4],"data_offsets":[0,16]}})"), "non-negative integer");
    EXPECT_REFUSED(header(R"({"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,16]}})"), "non-negative integer");
    EXPECT_REFUSED(header(R"({"a":{"dtype":"F32","shape":4,"data_offsets":[0,16]}})"), "shape must be an array");
    EXPECT_REFUSED(header(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0]}})"), "[begin, end]");
    EXPECT_REFUSED(header(R"({"a":{"dtype":"F32","shape":[4]}})"), "lacks one of");
    EXPECT_REFUSED(header(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16],"x":1}})"), "unknown field \"x\"");
    EXPECT_REFUSED(header(R"({"a":[1,2]})"), "not described by a JSON object");
    EXPECT_REFUSED(header(R"([1,2,3])"), "not a JSON object");
    EXPECT_REFUSED(header(R"({"a":{"dtype":"F32",)"), "not valid JSON");
    EXPECT_REFUSED(header(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})"),
                   "\"a\" appears twice");
    EXPECT_REFUSED(header(R"({"a":{"dtype":"F32","shape":[4294967296,4294967296,4294967296],"data_offsets":[0,16]}})"),
                   "more elements than can be addressed");
    EXPECT_REFUSED(header(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,18446744073709551615]}})"), "outside");
    EXPECT_REFUSED(header(R"({"__metadata__":{"k":{"deeper":{"and":{"deeper":1}}}}})"), "nested deeper");
    EXPECT_REFUSED(header(std::string(100000, '[') + std::string(100000, ']')), "nested deeper");
    EXPECT_NE(errorOf(header("{" + std::string(100000, '['))), "");
}

TEST(SafeTensors, RefusesImpossibleHeaderLengths) {
    Bytes huge = test::sampleSafeTensors();
    for (int i = 0; i < 8; ++i) huge[i] = std::byte{0xff};
    huge[8] = std::byte{'{'};
    EXPECT_REFUSED(huge, "the header claims 18446744073709551615 bytes");
    Bytes long1 = test::sampleSafeTensors();
    long1[0] = std::byte{0xff};
    long1[1] = std::byte{0xff};
    long1[2] = std::byte{0xff};
    EXPECT_REFUSED(long1, "truncated or corrupt");
    EXPECT_REFUSED(test::safetensorsFile("{", {}), "not valid JSON");
}

// ---------------------------------------------------------------------------------------------
// Corruption sweeps over complete files

std::vector<Bytes> samples() {
    return {test::sampleTorchCheckpoint(), test::sampleTorchCheckpoint(true), test::sampleSafeTensors()};
}

TEST(Corruption, EveryTruncationIsAFileError) {
    for (const Bytes& sample : samples()) {
        for (std::size_t size = 0; size < sample.size(); ++size) {
            const Bytes truncated(sample.begin(), sample.begin() + static_cast<std::ptrdiff_t>(size));
            ASSERT_NE(errorOf(truncated), "") << "a truncation to " << size << " of " << sample.size() << " bytes parsed";
        }
    }
}

TEST(Corruption, EveryFlippedByteParsesOrFails) {
    for (const Bytes& sample : samples()) {
        for (std::size_t pos = 0; pos < sample.size(); ++pos) {
            for (const std::uint8_t mask : {0xff, 0x01, 0x80}) {
                Bytes flipped = sample;
                flipped[pos] ^= std::byte{mask};
                ASSERT_TRUE(parsesOrFails(flipped)) << "byte " << pos << " ^ " << int(mask);
            }
        }
    }
}

TEST(Corruption, RandomDamageParsesOrFails) {
    std::mt19937 random(1234);
    for (const Bytes& sample : samples()) {
        for (int round = 0; round < 3000; ++round) {
            Bytes damaged = sample;
            const int edits = 1 + static_cast<int>(random() % 8);
            for (int e = 0; e < edits; ++e) {
                const std::size_t pos = random() % damaged.size();
                switch (random() % 3) {
                    case 0: damaged[pos] = std::byte(static_cast<std::uint8_t>(random())); break;
                    case 1: damaged.erase(damaged.begin() + static_cast<std::ptrdiff_t>(pos)); break;
                    default: damaged.insert(damaged.begin() + static_cast<std::ptrdiff_t>(pos), std::byte(static_cast<std::uint8_t>(random())));
                }
                if (damaged.empty()) break;
            }
            ASSERT_TRUE(parsesOrFails(damaged)) << "round " << round;
        }
    }
}

}  // namespace
}  // namespace flashface::checkpoint
