using System.Text;

namespace AtotiAuth.Identity.Principals;

/// <summary>
/// Whether a name mixes writing systems the way spoofed names do (<c>аlice</c> with a Cyrillic
/// <c>а</c>): Unicode TS #39 §5.2 "Highly Restrictive", with the script of each letter read from its
/// code point's range. Digits, punctuation and combining marks belong to every script (Common,
/// Inherited); a name may use one script, or Latin with the Han-based sets of Japanese, Chinese or
/// Korean. .NET exposes no Script property, so the ranges below are the main blocks of each script;
/// a letter outside them counts as a script of its own block.
/// </summary>
internal static class ScriptMix
{
    private const int Latin = 1;
    private const int Greek = 2;
    private const int Cyrillic = 3;
    private const int Han = 4;
    private const int Hiragana = 5;
    private const int Katakana = 6;
    private const int Hangul = 7;
    private const int Bopomofo = 8;

    private static readonly (int First, int Last, int Script)[] Ranges =
    [
        (0x0041, 0x005A, Latin), (0x0061, 0x007A, Latin), (0x00AA, 0x00AA, Latin), (0x00BA, 0x00BA, Latin),
        (0x00C0, 0x02AF, Latin), (0x1D00, 0x1D7F, Latin), (0x1E00, 0x1EFF, Latin), (0x2C60, 0x2C7F, Latin),
        (0xA720, 0xA7FF, Latin), (0xAB30, 0xAB6F, Latin), (0xFF21, 0xFF3A, Latin), (0xFF41, 0xFF5A, Latin),
        (0x0370, 0x03FF, Greek), (0x1F00, 0x1FFF, Greek),
        (0x0400, 0x052F, Cyrillic), (0x1C80, 0x1C8F, Cyrillic), (0x2DE0, 0x2DFF, Cyrillic), (0xA640, 0xA69F, Cyrillic),
        (0x2E80, 0x2FDF, Han), (0x3005, 0x3007, Han), (0x3021, 0x3029, Han), (0x3038, 0x303B, Han),
        (0x3400, 0x4DBF, Han), (0x4E00, 0x9FFF, Han), (0xF900, 0xFAFF, Han), (0x20000, 0x3FFFF, Han),
        (0x3040, 0x309F, Hiragana), (0x30A0, 0x30FF, Katakana), (0x31F0, 0x31FF, Katakana), (0xFF66, 0xFF9F, Katakana),
        (0x1100, 0x11FF, Hangul), (0x3130, 0x318F, Hangul), (0xAC00, 0xD7AF, Hangul),
        (0x3100, 0x312F, Bopomofo), (0x31A0, 0x31BF, Bopomofo),
    ];

    private static readonly int[][] AllowedSets =
    [
        [Latin, Han, Hiragana, Katakana],
        [Latin, Han, Bopomofo],
        [Latin, Han, Hangul],
    ];

    /// <summary>True when the letters of <paramref name="value"/> come from scripts no single language writes together.</summary>
    public static bool IsMixed(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var scripts = new HashSet<int>();
        foreach (var rune in value.EnumerateRunes())
        {
            if (Rune.IsLetter(rune))
            {
                scripts.Add(ScriptOf(rune.Value));
            }
        }

        return scripts.Count > 1 && !AllowedSets.Any(set => scripts.All(set.Contains));
    }

    private static int ScriptOf(int codePoint)
    {
        foreach (var (first, last, script) in Ranges)
        {
            if (codePoint >= first && codePoint <= last)
            {
                return script;
            }
        }

        // Any other script: its 128-code-point block stands for it (ids above the named ones).
        return 0x100 + (codePoint >> 7);
    }
}
