using System.Text;
using AtotiAuth.Identity.Users;

namespace AtotiAuth.Identity.Provisioning;

/// <summary>
/// Parses <c>User,Password,Status,Roles</c> (RFC 4180 quoting within a line: <c>"a,b"</c>, <c>""</c> for a
/// quote). Blank lines and lines starting with <c>#</c> are ignored. Roles are separated by <c>;</c> or
/// <c>|</c>; the Roles column may be empty or absent.
/// </summary>
internal static class CsvUserFileParser
{
    private static readonly string[] Header = ["User", "Password", "Status", "Roles"];
    private static readonly char[] RoleSeparators = [';', '|'];

    public static CsvParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        var rows = new List<CsvUserRow>();
        var errors = new List<CsvRowError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var headerSeen = false;
        var lastIncomplete = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var number = i + 1;
            if (line.Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var fields = Split(line);
            if (!headerSeen)
            {
                if (fields is null || !IsHeader(fields))
                {
                    return new CsvParseResult([], [], $"line {number}: the first line must be the header 'User,Password,Status,Roles'.", false);
                }

                headerSeen = true;
                continue;
            }

            var (row, reason) = ParseRow(number, fields);
            if (row is not null && !seen.Add(row.UserName))
            {
                reason = $"user '{row.UserName}' already appears on an earlier line.";
                row = null;
            }

            if (row is null)
            {
                errors.Add(new CsvRowError(number, reason!));
                lastIncomplete = i == lines.Length - 1;
                continue;
            }

            rows.Add(row);
        }

        return headerSeen
            ? new CsvParseResult(rows, errors, null, lastIncomplete)
            : new CsvParseResult([], [], "the file has no header line 'User,Password,Status,Roles'.", false);
    }

    private static bool IsHeader(List<string> fields)
        => fields.Count is 3 or 4 && fields.Select(static f => f.Trim()).SequenceEqual(Header.Take(fields.Count), StringComparer.OrdinalIgnoreCase);

    private static (CsvUserRow? Row, string? Reason) ParseRow(int line, List<string>? fields)
    {
        if (fields is null)
        {
            return (null, "unbalanced quotes.");
        }

        if (fields.Count is not (3 or 4))
        {
            return (null, $"expected 4 fields (User,Password,Status,Roles), found {fields.Count}.");
        }

        var userName = fields[0].Trim();
        if (BasicUserRules.CheckUserName(userName) is { } nameError)
        {
            return (null, $"User {nameError}");
        }

        // The password is taken as written: spaces may be part of it.
        if (BasicUserRules.CheckPassword(fields[1]) is { } passwordError)
        {
            return (null, $"Password {passwordError}");
        }

        var statusText = fields[2].Trim();
        if (!statusText.Equals("Active", StringComparison.OrdinalIgnoreCase) && !statusText.Equals("Inactive", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "Status must be 'Active' or 'Inactive'.");
        }

        var status = statusText.Equals("Active", StringComparison.OrdinalIgnoreCase) ? UserStatus.Active : UserStatus.Inactive;
        var roles = fields.Count == 4
            ? fields[3].Split(RoleSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];
        if (BasicUserRules.CheckRoles(roles) is { } rolesError)
        {
            return (null, $"Roles {rolesError}");
        }

        return (new CsvUserRow(line, userName, fields[1], status, roles), null);
    }

    /// <summary>Splits one line; null when a quote is left open.</summary>
    internal static List<string>? Split(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"' && current.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        if (quoted)
        {
            return null;
        }

        fields.Add(current.ToString());
        return fields;
    }
}
