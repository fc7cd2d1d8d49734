import FuzzHarnesses
import Foundation

#if WARRAQ_LIBFUZZER
    /// libFuzzer's entry point (built by `make fuzz` with `-sanitize=fuzzer,address -D WARRAQ_LIBFUZZER`); the harness
    /// is named by `WARRAQ_FUZZ_HARNESS`.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        // libFuzzer hands over `size` readable bytes at `data` (nil only when size is 0): copied out at once.
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        selectedHarness.run(bytes)
        return 0
    }

    /// libFuzzer's driver (from the fuzzer runtime that `-sanitize=fuzzer` links).
    @_silgen_name("LLVMFuzzerRunDriver")
    private func runDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    /// The executable's entry point: SwiftPM names it for the module, so libFuzzer's own `main` is not the one
    /// that runs.
    @main
    struct FuzzDriver {
        static func main() {
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            _ = selectedHarness
            exit(runDriver(&argc, &argv, { fuzzOneInput($0, $1) }))
        }
    }

    private let selectedHarness: FuzzHarness = {
        let name = ProcessInfo.processInfo.environment["WARRAQ_FUZZ_HARNESS"] ?? ""
        guard let harness = FuzzHarness(rawValue: name) else {
            let names = FuzzHarness.allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("warraq-fuzz: set WARRAQ_FUZZ_HARNESS to one of \(names)\n".utf8))
            exit(2)
        }
        return harness
    }()
#else
    /// Without libFuzzer: replays files through a harness (`warraq-fuzz HARNESS FILE…`), to reproduce a finding.
    @main
    struct FuzzReplay {
        static func main() {
            let args = CommandLine.arguments.dropFirst()
            guard let name = args.first, let harness = FuzzHarness(rawValue: name) else {
                let names = FuzzHarness.allCases.map(\.rawValue).joined(separator: "|")
                print("usage: warraq-fuzz \(names) FILE...")
                exit(2)
            }
            for path in args.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else {
                    print("warraq-fuzz: cannot read \(path)")
                    exit(1)
                }
                harness.run(Array(data))
                print("\(path): ok")
            }
        }
    }
#endif
