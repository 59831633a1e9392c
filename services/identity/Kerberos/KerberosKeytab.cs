using System.Buffers.Binary;
using System.Text;

namespace AtotiAuth.Identity.Kerberos;

/// <summary>
/// An MIT keytab file (format 0x0502, big-endian: the one <c>kadmin ktadd</c>, <c>ktutil</c> and
/// Windows' <c>ktpass</c> write): read to check it holds the service's keys, and filtered to those keys
/// only, so that a ticket for any other principal in the same file is refused.
/// </summary>
internal sealed class KerberosKeytab
{
    private const ushort Version = 0x0502;

    private readonly List<KerberosKeytabEntry> _entries;

    private KerberosKeytab(List<KerberosKeytabEntry> entries) => _entries = entries;

    public IReadOnlyList<KerberosKeytabEntry> Entries => _entries;

    /// <summary>Reads a keytab; a <see cref="FormatException"/> says what is wrong with it.</summary>
    public static KerberosKeytab Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2 || BinaryPrimitives.ReadUInt16BigEndian(data) != Version)
        {
            throw new FormatException("not an MIT keytab of format 0x0502 (the file does not start with 05 02)");
        }

        var entries = new List<KerberosKeytabEntry>();
        var offset = 2;
        while (offset + 4 <= data.Length)
        {
            var size = BinaryPrimitives.ReadInt32BigEndian(data[offset..]);
            offset += 4;
            var length = size == int.MinValue ? int.MaxValue : Math.Abs(size);
            if (length > data.Length - offset)
            {
                throw new FormatException($"an entry at byte {offset - 4} runs past the end of the file");
            }

            // A negative size is a hole left by a deleted entry.
            if (size > 0)
            {
                entries.Add(ReadEntry(data.Slice(offset, length), offset - 4, data.Slice(offset - 4, length + 4).ToArray()));
            }

            offset += length;
        }

        return new KerberosKeytab(entries);
    }

    /// <summary>The entries of <paramref name="principal"/> (<c>name@REALM</c>, exact), as a keytab file of their own.</summary>
    public byte[] Only(string principal)
    {
        var kept = _entries.Where(e => string.Equals(e.Principal, principal, StringComparison.Ordinal)).ToList();
        var result = new byte[2 + kept.Sum(static e => e.Record.Length)];
        BinaryPrimitives.WriteUInt16BigEndian(result, Version);
        var offset = 2;
        foreach (var entry in kept)
        {
            entry.Record.CopyTo(result, offset);
            offset += entry.Record.Length;
        }

        return result;
    }

    private static KerberosKeytabEntry ReadEntry(ReadOnlySpan<byte> entry, int at, byte[] record)
    {
        var reader = new Reader(entry, at);
        var components = reader.UInt16();
        var realm = reader.Text();
        var name = new StringBuilder();
        for (var i = 0; i < components; i++)
        {
            name.Append(i == 0 ? "" : "/").Append(Escape(reader.Text()));
        }

        reader.Skip(4 + 4); // name type, timestamp
        uint kvno = reader.Byte();
        var encryptionType = reader.UInt16();
        reader.Skip(reader.UInt16()); // the key itself
        if (reader.Remaining >= 4)
        {
            // The 32-bit key version number, where present, replaces the 8-bit one (MIT's keytab format).
            var wide = reader.UInt32();
            kvno = wide != 0 ? wide : kvno;
        }

        return new KerberosKeytabEntry($"{name}@{realm}", kvno, encryptionType, record);
    }

    // As MIT displays a component: the separators and the escape character escaped.
    private static string Escape(string component) => component
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("/", "\\/", StringComparison.Ordinal)
        .Replace("@", "\\@", StringComparison.Ordinal);

    private ref struct Reader(ReadOnlySpan<byte> data, int at)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _offset;

        public readonly int Remaining => _data.Length - _offset;

        public byte Byte() => Take(1)[0];

        public ushort UInt16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

        public uint UInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

        public string Text() => Encoding.UTF8.GetString(Take(UInt16()));

        public void Skip(int count) => Take(count);

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count > Remaining)
            {
                throw new FormatException($"the entry at byte {at} is cut short");
            }

            var taken = _data.Slice(_offset, count);
            _offset += count;
            return taken;
        }
    }
}
