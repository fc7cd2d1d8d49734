import ArgumentParser
import Foundation
import Logging
import Warraq

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a dataset to another format.", subcommands: [ExportCSVCommand.self])
}

struct ExportCSVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Export a dataset as RFC 4180 CSV (UTF-8), read through its manifest.",
        discussion: """
            Null is an empty field, lists are JSON arrays in one cell, timestamps ISO-8601. Filters prune partitions
            and row groups by their statistics before any row is read: --where source=okaz --where date>=2015-08-01
            (operators = != < <= > >=). --excel adds a UTF-8 BOM and guards text cells that start with = + - @
            against formula injection.
            """
    )

    @Argument(help: "The dataset folder.") var dataset: String
    @Option(help: "The CSV file to write (- for standard output).") var out: String
    @Option(help: "Comma-separated columns, in this order (default: all).") var columns: String?
    @Option(name: .customLong("where"), help: "A filter such as source=okaz or date>=2015-08-01 (repeatable).")
    var filters: [String] = []
    @Flag(help: "Compress the output with gzip.") var gzip = false
    @Flag(help: "A UTF-8 BOM, and formula-injection guards, for spreadsheets.") var excel = false

    func run() throws {
        var exporter = CSVExporter(dataset: dataset)
        exporter.columns = columns.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        do { exporter.filters = try filters.map(RowFilter.init) } catch { throw ValidationError("\(error)") }
        exporter.gzip = gzip
        exporter.excel = excel
        let summary: CSVExporter.Summary
        if out == "-" {
            summary = try exporter.export(to: .standardOutput)
        } else {
            // Written beside the target and renamed, so that a failed export leaves no half file.
            let temporary = out + ".partial"
            guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
                throw DatasetError.fileSystem(
                    action: "create", path: temporary, reason: nil,
                    advice: ": check that its folder exists and is writable")
            }
            do {
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
                summary = try exporter.export(to: handle)
                try handle.close()
                try FileOps.move(temporary, to: out)
            } catch {
                try? FileManager.default.removeItem(atPath: temporary)
                throw error
            }
        }
        let line =
            "warraq: exported \(summary.rows) rows (\(summary.shardsRead) shards read, "
            + "\(summary.shardsPruned) pruned, \(summary.rowGroupsPruned) row groups pruned)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract:
            "Check a dataset against its manifest: every shard present, with its size, SHA-256 and rows, "
            + "and nothing unlisted.",
        discussion: "Exit 0 when all holds; 1 otherwise, with each problem on its own line."
    )

    @Argument(help: "The dataset folder.") var dataset: String
    @Flag(help: "Sizes, footers and SHA-256 only, without decoding rows.") var quick = false

    func run() throws {
        let report = DatasetVerifier(dataset: dataset).verify(quick: quick)
        for file in report.retained { print("kept for history: \(file)") }
        for file in report.pending { print("pending (the next run or command puts it right): \(file)") }
        guard report.ok else {
            for p in report.problems { FileHandle.standardError.write(Data("warraq: problem: \(p)\n".utf8)) }
            throw ExitCode(1)
        }
        print(
            "ok: \(report.shards) shards, \(report.rows) rows, \(report.bytes) bytes match the manifest"
                + "\(quick ? " (quick: rows from the footers)" : "")"
        )
    }
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "List the published versions of a dataset that are kept.")

    @Argument(help: "The dataset folder.") var dataset: String
    @Flag(help: "Print JSON for machines.") var json = false

    func run() throws {
        let folder = DatasetFolder(dataset)
        let current = try folder.current()?.version
        var rows: [(version: Int, run: String, finished: String, rows: Int64, note: String)] = []
        for v in folder.versions() {
            let m = try folder.manifest(version: v)
            let note = m.rolledBackFrom.map { "rollback to \($0)" } ?? m.compactedFrom.map { "compacted \($0)" } ?? ""
            rows.append((v, m.run.id, m.run.finishedAt, m.rows, note))
        }
        if json {
            print(
                JSONWriter.serialize(
                    .array(
                        rows.map { r in
                            .object(
                                JSONObject(members: [
                                    ("version", .number(String(r.version))), ("run_id", .string(r.run)),
                                    ("finished_at", .string(r.finished)),
                                    ("rows", .number(String(r.rows))), ("current", .bool(r.version == current)),
                                    ("note", .string(r.note)),
                                ]))
                        })))
            return
        }
        guard !rows.isEmpty else { print("no versions in \(dataset)"); return }
        print("version  run id                    finished at                  rows")
        for r in rows {
            print(
                String(r.version).padding(toLength: 9, withPad: " ", startingAt: 0)
                    + r.run.padding(toLength: 26, withPad: " ", startingAt: 0)
                    + r.finished.padding(toLength: 29, withPad: " ", startingAt: 0) + String(r.rows)
                    + (r.version == current ? "  (current)" : "") + (r.note.isEmpty ? "" : "  \(r.note)"))
        }
    }
}

/// Opens a dataset for a change (its lock, recovery, checks), printing what opening it did.
func openForChange(_ dataset: String, wait: Bool) throws -> DatasetTransaction {
    let transaction = try DatasetTransaction(dataset: dataset, wait: wait)
    let logger = Logger(label: "warraq")
    for note in transaction.notes { logger.warning("\(note)", metadata: ["event": "note"]) }
    return transaction
}

struct RollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Publish an earlier version of a dataset again, atomically (as a new version).")

    @Argument(help: "The dataset folder.") var dataset: String
    @Option(help: "The version to publish again (see `warraq history`).") var to: Int

    @Flag(help: "Wait for a run on the dataset to finish, instead of exiting with code 75.") var wait = false

    func run() throws {
        let version = try openForChange(dataset, wait: wait).rollback(to: to)
        print("published version \(to) again as version \(version)")
    }
}

struct CompactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact",
        abstract: "Merge the small shards of partitions with more than compact.max_files shards, as a new version.",
        discussion:
            "The rows and their values do not change. Writer options and compact.max_files come from --pipeline "
            + "(defaults otherwise)."
    )

    @Argument(help: "The dataset folder.") var dataset: String
    @Option(help: "A pipeline file for the writer and compact options.") var pipeline: String?
    @Option(help: "Compact partitions with more shards than this (overrides compact.max_files).") var maxFiles: Int?
    @Flag(help: "Wait for a run on the dataset to finish, instead of exiting with code 75.") var wait = false

    func validate() throws {
        if let maxFiles, maxFiles < 1 { throw ValidationError("--max-files must be at least 1") }
    }

    func run() throws {
        let config = try pipeline.map { try loadPipeline($0).0 } ?? PipelineConfig()
        let result = try DatasetCompaction.run(openForChange(dataset, wait: wait), config: config, maxFiles: maxFiles)
        if let version = result.version {
            print(
                "compacted \(result.partitions) partitions (\(result.before) shards into \(result.after)) "
                    + "as version \(version)"
            )
        } else {
            print("nothing to compact: no partition has more than \(maxFiles ?? config.compact.maxFiles) shards")
        }
    }
}
