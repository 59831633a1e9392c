namespace AtotiAuth.Identity.Provisioning;

/// <summary>A malformed row, reported with its line number and skipped.</summary>
internal sealed record CsvRowError(int Line, string Reason);

/// <summary>The whole file, parsed before anything is applied.</summary>
/// <param name="Rows">Valid rows.</param>
/// <param name="Errors">Malformed rows (skipped).</param>
/// <param name="HeaderError">Set when the header is wrong: then nothing at all is applied.</param>
/// <param name="LastLineIncomplete">The last line is malformed and has no line ending: likely a file still being written.</param>
internal sealed record CsvParseResult(
    IReadOnlyList<CsvUserRow> Rows,
    IReadOnlyList<CsvRowError> Errors,
    string? HeaderError,
    bool LastLineIncomplete);
