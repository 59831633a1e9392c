namespace AtotiAuth.Token.Signing;

/// <summary>The keys of a directory and the <c>kid</c> named by its <c>active</c> file, if any.</summary>
/// <param name="Keys">Every key file's key, ordered by file name.</param>
/// <param name="ActiveKeyId">Content of the <c>active</c> file, trimmed; null without one.</param>
internal sealed record KeyDirectoryContent(IReadOnlyList<LoadedKey> Keys, string? ActiveKeyId);

/// <summary>
/// Reads a key directory. Names starting with '.' are skipped: Kubernetes keeps its timestamped copies
/// and the <c>..data</c> link there, while the visible names are links into the current copy.
/// </summary>
internal static class KeyDirectoryReader
{
    public const string ActiveFileName = "active";

    public static KeyDirectoryContent Read(string directory)
    {
        var keys = new List<LoadedKey>();
        foreach (var path in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (!name.StartsWith('.') && KeyFileReader.IsKeyFile(name))
            {
                keys.Add(KeyFileReader.Read(path));
            }
        }

        var duplicate = keys.GroupBy(k => k.KeyId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new SigningKeyException($"Key files {string.Join(" and ", duplicate.Select(k => $"'{k.FileName}'"))} " +
                $"have the same kid '{duplicate.Key}'; give each key its own file name or JWK kid.");
        }

        var activePath = Path.Combine(directory, ActiveFileName);
        var active = File.Exists(activePath) ? File.ReadAllText(activePath).Trim() : null;
        return new KeyDirectoryContent(keys, string.IsNullOrEmpty(active) ? null : active);
    }
}
