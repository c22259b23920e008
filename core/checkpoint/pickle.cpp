// A restricted unpickler for torch state dicts. It interprets only the opcodes pickle protocol
// 2 (and the protocol 4/5 framing) uses for dicts, tuples, strings and numbers, and resolves
// globals against a fixed list: nothing named in the file is ever looked up or called.

#include "checkpoint/pickle.h"

#include "checkpoint/byte_reader.h"
#include "common/error.h"

#include <deque>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace flashface::checkpoint {

namespace {

enum class Kind : std::uint8_t { None, Bool, Int, Float, String, Tuple, List, Dict, Global, Storage, Tensor };
enum class Callable : std::uint8_t { OrderedDict, RebuildTensor, RebuildParameter, RebuildParameterWithState, StorageType };

using Ref = std::size_t;  // index into the machine's arena

// Objects live in an arena and refer to each other by index: pickles can build shared and
// cyclic structures (a dict appended to itself), which must neither leak nor recurse.
struct Object {
    explicit Object(Kind kind) : kind(kind) {}
    Kind kind;
    std::int64_t integer = 0;  // Int, Bool; index of a Storage or Tensor
    std::string text;          // String
    std::vector<Ref> items;    // Tuple, List; Dict as key, value, key, value...
    Callable callable = Callable::OrderedDict;
    DType dtype = DType::Float32;  // of a storage type
};

struct TensorView {
    std::size_t storage;
    std::int64_t offset;
    std::vector<std::int64_t> shape;
    std::vector<std::int64_t> strides;
};

struct PickleError {
    std::string what;
};

// torch supports at most 64 dimensions; the cap also bounds what a forged shape can cost.
constexpr std::size_t kMaxRank = 64;
constexpr int kMaxNesting = 16;
constexpr std::size_t kMaxGlobalName = 256;

std::string printable(std::string_view text) {
    std::string out;
    for (const char c : text.substr(0, 80)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
    if (text.size() > 80) out += "...";
    return out;
}

std::optional<DType> storageDType(std::string_view name) {
    static constexpr std::pair<std::string_view, DType> kStorages[] = {
        {"FloatStorage", DType::Float32}, {"HalfStorage", DType::Float16},  {"BFloat16Storage", DType::BFloat16},
        {"DoubleStorage", DType::Float64}, {"LongStorage", DType::Int64},   {"IntStorage", DType::Int32},
        {"ShortStorage", DType::Int16},   {"CharStorage", DType::Int8},     {"ByteStorage", DType::UInt8},
        {"BoolStorage", DType::Bool},
    };
    for (const auto& [text, dtype] : kStorages)
        if (text == name) return dtype;
    return std::nullopt;
}

std::optional<Callable> rebuildFunction(std::string_view name) {
    if (name == "_rebuild_tensor_v2") return Callable::RebuildTensor;
    if (name == "_rebuild_parameter") return Callable::RebuildParameter;
    if (name == "_rebuild_parameter_with_state") return Callable::RebuildParameterWithState;
    return std::nullopt;
}

Object resolveGlobal(std::string_view module, std::string_view name) {
    Object global{Kind::Global};
    if (module == "collections" && name == "OrderedDict") {
        global.callable = Callable::OrderedDict;
        return global;
    }
    if (const auto function = module == "torch._utils" ? rebuildFunction(name) : std::nullopt) {
        global.callable = *function;
        return global;
    }
    if (const auto dtype = module == "torch" ? storageDType(name) : std::nullopt) {
        global.callable = Callable::StorageType;
        global.dtype = *dtype;
        return global;
    }
    throw PickleError{"refusing to load: the pickle references " + printable(module) + "." + printable(name) +
                      "; a checkpoint may only contain tensors"};
}

class Machine {
public:
    explicit Machine(std::span<const std::byte> pickle) : in_(pickle) {}

    PickledStateDict run() {
        for (;;) {
            opcodeStart_ = in_.position();
            std::uint8_t op = 0;
            if (!in_.read(op)) fail("the pickle ends without a STOP opcode; the file is truncated");
            if (op == '.') return flatten(pop());
            execute(op);
        }
    }

    [[noreturn]] void fail(const std::string& what) const {
        throw PickleError{"data.pkl is corrupt at byte " + std::to_string(opcodeStart_) + ": " + what};
    }

private:
    void execute(std::uint8_t op) {
        switch (op) {
            case 0x80: {  // PROTO
                const auto version = readInt<std::uint8_t>();
                if (version > 5) fail("unknown pickle protocol " + std::to_string(version));
                return;
            }
            case 0x95: readInt<std::uint64_t>(); return;  // FRAME: a length hint only
            case '(': marks_.push_back(stack_.size()); return;
            case ')': push(Object{Kind::Tuple}); return;
            case 't': push(container(Kind::Tuple, popToMark())); return;
            case 0x85: push(container(Kind::Tuple, popN(1))); return;
            case 0x86: push(container(Kind::Tuple, popN(2))); return;
            case 0x87: push(container(Kind::Tuple, popN(3))); return;
            case ']': push(Object{Kind::List}); return;
            case 'l': push(container(Kind::List, popToMark())); return;
            case '}': push(Object{Kind::Dict}); return;
            case 'd': push(container(Kind::Dict, pairs(popToMark()))); return;
            case 'a': append(Kind::List, popN(1)); return;
            case 'e': append(Kind::List, popToMark()); return;
            case 's': append(Kind::Dict, popN(2)); return;
            case 'u': append(Kind::Dict, pairs(popToMark())); return;
            case 'N': push(Object{Kind::None}); return;
            case 0x88: push(integer(Kind::Bool, 1)); return;
            case 0x89: push(integer(Kind::Bool, 0)); return;
            case 'J': push(integer(Kind::Int, static_cast<std::int32_t>(readInt<std::uint32_t>()))); return;
            case 'K': push(integer(Kind::Int, readInt<std::uint8_t>())); return;
            case 'M': push(integer(Kind::Int, readInt<std::uint16_t>())); return;
            case 0x8a: push(integer(Kind::Int, readLong1())); return;
            case 'G': push(real()); return;
            case 'X': case 'T': push(string(readInt<std::uint32_t>())); return;  // BINUNICODE, BINSTRING
            case 0x8c: case 'U': push(string(readInt<std::uint8_t>())); return;  // SHORT_BINUNICODE, SHORT_BINSTRING
            case 0x8d: push(string(readInt<std::uint64_t>())); return;           // BINUNICODE8
            case 'c': {
                const std::string module(readLine());
                push(resolveGlobal(module, readLine()));
                return;
            }
            case 0x93: {  // STACK_GLOBAL
                const Ref name = pop(), module = pop();
                if (at(module).kind != Kind::String || at(name).kind != Kind::String)
                    fail("STACK_GLOBAL needs two strings");
                push(resolveGlobal(at(module).text, at(name).text));
                return;
            }
            case 'q': memoize(readInt<std::uint8_t>()); return;
            case 'r': memoize(readInt<std::uint32_t>()); return;
            case 0x94: memoize(memo_.size()); return;  // MEMOIZE
            case 'h': recall(readInt<std::uint8_t>()); return;
            case 'j': recall(readInt<std::uint32_t>()); return;
            case '0': pop(); return;  // POP
            case 'R': {
                const Ref args = pop(), callable = pop();
                stack_.push_back(reduce(callable, args));
                return;
            }
            case 'b': {  // BUILD: the state of an OrderedDict is its attributes (_metadata): not needed
                pop();
                if (at(top()).kind != Kind::Dict) fail("BUILD applies state to something that is not a dict");
                return;
            }
            case 'Q': stack_.push_back(persistentStorage(pop())); return;  // BINPERSID
            default: {
                static constexpr char kHex[] = "0123456789abcdef";
                fail(std::string("unsupported pickle opcode 0x") + kHex[op >> 4] + kHex[op & 15] +
                     "; a torch state dict never uses it");
            }
        }
    }

    // --- reading operands -------------------------------------------------------------------
    template <typename Unsigned>
    Unsigned readInt() {
        Unsigned value = 0;
        if (!in_.read(value)) fail("an opcode's argument runs past the end of the pickle");
        return value;
    }

    std::int64_t readLong1() {
        const auto length = readInt<std::uint8_t>();
        if (length > 8) fail("an integer of " + std::to_string(length) + " bytes is too large for a tensor");
        std::uint64_t value = 0;
        for (unsigned i = 0; i < length; ++i) value |= std::uint64_t(readInt<std::uint8_t>()) << (8 * i);
        if (length > 0 && length < 8 && (value >> (8 * length - 1)) & 1) value |= ~std::uint64_t(0) << (8 * length);
        return static_cast<std::int64_t>(value);
    }

    std::string_view readLine() {
        for (std::size_t length = 0; length <= kMaxGlobalName; ++length) {
            ByteReader probe = in_;
            std::string_view line;
            if (!probe.read(line, length + 1)) fail("a GLOBAL opcode's name runs past the end of the pickle");
            if (line.back() == '\n') {
                in_ = probe;
                return line.substr(0, length);
            }
        }
        fail("a GLOBAL opcode's name is too long");
    }

    // --- objects ----------------------------------------------------------------------------
    Object& at(Ref ref) { return arena_[ref]; }
    Ref top() {
        if (stack_.size() <= floor()) fail("the pickle stack underflows");
        return stack_.back();
    }
    std::size_t floor() const { return marks_.empty() ? 0 : marks_.back(); }
    void push(Object object) {
        arena_.push_back(std::move(object));
        stack_.push_back(arena_.size() - 1);
    }
    Ref pop() {
        const Ref ref = top();
        stack_.pop_back();
        return ref;
    }
    std::vector<Ref> popN(std::size_t n) {
        if (stack_.size() < floor() + n) fail("the pickle stack underflows");
        std::vector<Ref> items(stack_.end() - static_cast<std::ptrdiff_t>(n), stack_.end());
        stack_.resize(stack_.size() - n);
        return items;
    }
    std::vector<Ref> popToMark() {
        if (marks_.empty()) fail("an opcode needs a MARK that is not there");
        const std::size_t mark = marks_.back();
        marks_.pop_back();
        std::vector<Ref> items(stack_.begin() + static_cast<std::ptrdiff_t>(mark), stack_.end());
        stack_.resize(mark);
        return items;
    }
    std::vector<Ref> pairs(std::vector<Ref> items) {
        if (items.size() % 2 != 0) fail("a dict is given a key without a value");
        return items;
    }
    static Object container(Kind kind, std::vector<Ref> items) {
        Object object{kind};
        object.items = std::move(items);
        return object;
    }
    static Object integer(Kind kind, std::int64_t value) {
        Object object{kind};
        object.integer = value;
        return object;
    }
    Object real() {
        readInt<std::uint64_t>();  // a float (in _metadata, say) is never needed: only its size matters
        return Object{Kind::Float};
    }
    Object string(std::uint64_t length) {
        std::string_view text;
        if (!in_.read(text, length)) fail("a string runs past the end of the pickle");
        Object object{Kind::String};
        object.text = text;
        return object;
    }
    void append(Kind kind, const std::vector<Ref>& items) {
        Object& target = at(top());
        if (target.kind != kind) fail(kind == Kind::Dict ? "SETITEM(S) on something that is not a dict"
                                                         : "APPEND(S) on something that is not a list");
        target.items.insert(target.items.end(), items.begin(), items.end());
    }
    void memoize(std::uint64_t key) { memo_[key] = top(); }
    void recall(std::uint64_t key) {
        const auto it = memo_.find(key);
        if (it == memo_.end()) fail("the pickle recalls memo entry " + std::to_string(key) + ", which was never stored");
        stack_.push_back(it->second);
    }

    // --- torch ------------------------------------------------------------------------------
    std::int64_t intOf(Ref ref, const char* what) {
        if (at(ref).kind != Kind::Int) fail(std::string(what) + " is not an integer");
        return at(ref).integer;
    }

    std::vector<std::int64_t> intsOf(Ref ref, const char* what) {
        const Object& tuple = at(ref);
        if (tuple.kind != Kind::Tuple) fail(std::string(what) + " is not a tuple");
        if (tuple.items.size() > kMaxRank) fail(std::string(what) + " has more dimensions than any tensor");
        std::vector<std::int64_t> values;
        for (const Ref item : tuple.items) values.push_back(intOf(item, what));
        return values;
    }

    // ('storage', torch.<Type>Storage, key, location, numel) → one storage per key.
    Ref persistentStorage(Ref pid) {
        const Object& id = at(pid);
        if (id.kind != Kind::Tuple || id.items.size() != 5 || at(id.items[0]).kind != Kind::String ||
            at(id.items[0]).text != "storage")
            fail("a persistent id is not a ('storage', type, key, location, size) tuple");
        const Object& type = at(id.items[1]);
        if (type.kind != Kind::Global || type.callable != Callable::StorageType)
            fail("a persistent id does not name a torch storage type");
        const Object& key = at(id.items[2]);
        if (key.kind != Kind::String || key.text.empty() || key.text.find('/') != std::string::npos)
            fail("a persistent id has an invalid storage key");
        const std::int64_t numel = intOf(id.items[4], "a storage's size");
        if (numel < 0) fail("a storage has a negative size");
        const auto [it, added] = storageByKey_.emplace(key.text, storages_.size());
        if (added) {
            storages_.push_back({key.text, type.dtype, static_cast<std::uint64_t>(numel)});
        } else if (storages_[it->second].dtype != type.dtype ||
                   storages_[it->second].numel != static_cast<std::uint64_t>(numel)) {
            fail("storage \"" + key.text + "\" is described twice with different types or sizes");
        }
        Object storage{Kind::Storage};
        storage.integer = static_cast<std::int64_t>(it->second);
        arena_.push_back(std::move(storage));
        return arena_.size() - 1;
    }

    Ref reduce(Ref callableRef, Ref argsRef) {
        const Object callable = at(callableRef);  // a copy: the arena may grow below
        const std::vector<Ref> args = at(argsRef).items;
        if (callable.kind != Kind::Global || at(argsRef).kind != Kind::Tuple)
            fail("REDUCE needs a known callable and an argument tuple");
        switch (callable.callable) {
            case Callable::OrderedDict:
                if (!args.empty()) fail("OrderedDict is called with arguments");
                arena_.push_back(Object{Kind::Dict});
                return arena_.size() - 1;
            case Callable::RebuildTensor: {
                // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
                if (args.size() != 6 && args.size() != 7) fail("_rebuild_tensor_v2 is called with the wrong arguments");
                if (at(args[0]).kind != Kind::Storage) fail("_rebuild_tensor_v2 is not given a storage");
                TensorView view{static_cast<std::size_t>(at(args[0]).integer), intOf(args[1], "a storage offset"),
                                intsOf(args[2], "a tensor's size"), intsOf(args[3], "a tensor's stride")};
                views_.push_back(std::move(view));
                arena_.push_back(integer(Kind::Tensor, static_cast<std::int64_t>(views_.size() - 1)));
                return arena_.size() - 1;
            }
            case Callable::RebuildParameter:
            case Callable::RebuildParameterWithState: {
                // (data, requires_grad, backward_hooks[, state]): a parameter is its tensor here.
                const std::size_t expected = callable.callable == Callable::RebuildParameter ? 3 : 4;
                if (args.size() != expected || at(args[0]).kind != Kind::Tensor)
                    fail("_rebuild_parameter is called with the wrong arguments");
                return args[0];
            }
            case Callable::StorageType: break;
        }
        fail("the pickle calls a storage type, which a state dict never does");
    }

    // --- the result ------------------------------------------------------------------------
    PickledStateDict flatten(Ref root) {
        if (at(root).kind != Kind::Dict) fail("the pickle holds something other than a state dict");
        PickledStateDict out;
        out.storages = std::move(storages_);
        std::unordered_set<Ref> visited;
        collect(root, "", 0, visited, out);
        return out;
    }

    // Nested dicts ({"state_dict": {...}}) give dotted names. A dict reached twice is never part
    // of a state dict and would let a small pickle describe exponentially many tensors.
    void collect(Ref dict, const std::string& prefix, int depth, std::unordered_set<Ref>& visited, PickledStateDict& out) {
        if (depth > kMaxNesting) fail("the state dict is nested too deeply");
        if (!visited.insert(dict).second) fail("the state dict contains the same dict twice");
        const std::vector<Ref>& items = at(dict).items;
        for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
            const Object& key = at(items[i]);
            const Object& value = at(items[i + 1]);
            std::string name;
            if (key.kind == Kind::String) name = prefix + key.text;
            else if (key.kind == Kind::Int) name = prefix + std::to_string(key.integer);
            else continue;  // not addressable by name; a state dict never has such keys
            if (value.kind == Kind::Tensor) {
                const TensorView& view = views_[static_cast<std::size_t>(value.integer)];
                out.tensors.push_back({name, view.storage, view.offset, view.shape, view.strides});
            } else if (value.kind == Kind::Dict) {
                collect(items[i + 1], name + ".", depth + 1, visited, out);
            }
        }
    }

    ByteReader in_;
    std::size_t opcodeStart_ = 0;
    std::deque<Object> arena_;
    std::vector<Ref> stack_;
    std::vector<std::size_t> marks_;
    std::unordered_map<std::uint64_t, Ref> memo_;
    std::vector<PickledStorage> storages_;
    std::unordered_map<std::string, std::size_t> storageByKey_;
    std::vector<TensorView> views_;
};

}  // namespace

PickledStateDict unpickleStateDict(const std::filesystem::path& file, std::span<const std::byte> pickle) {
    try {
        return Machine(pickle).run();
    } catch (const PickleError& e) {
        throw FileError(file, e.what);
    }
}

}  // namespace flashface::checkpoint
