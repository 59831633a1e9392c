using System.Buffers.Binary;
using System.Text;

namespace AtotiAuth.Testing;

/// <summary>Writes MIT keytab files (format 0x0502) for the tests: entries of random keys, holes on request.</summary>
public sealed class TestKeytab
{
    private readonly List<byte> _data = [0x05, 0x02];

    /// <summary>Adds a key of <paramref name="components"/>@<paramref name="realm"/> (zeros: the file is for reading, not for decrypting).</summary>
    public TestKeytab Key(string realm, string[] components, byte kvno, ushort encryptionType = 18, uint? wideKvno = null)
    {
        var entry = new List<byte>();
        Write16(entry, (ushort)components.Length);
        WriteText(entry, realm);
        foreach (var component in components)
        {
            WriteText(entry, component);
        }

        Write32(entry, 1);          // KRB5_NT_PRINCIPAL
        Write32(entry, 1_700_000_000);
        entry.Add(kvno);
        Write16(entry, encryptionType);
        Write16(entry, 32);
        entry.AddRange(new byte[32]);
        if (wideKvno is { } wide)
        {
            Write32(entry, wide);
        }

        Write32(_data, (uint)entry.Count);
        _data.AddRange(entry);
        return this;
    }

    /// <summary>A deleted entry: a negative size followed by that many bytes.</summary>
    public TestKeytab Hole(int length)
    {
        Write32(_data, unchecked((uint)-length));
        _data.AddRange(new byte[length]);
        return this;
    }

    /// <summary>The keytab file's bytes.</summary>
    public byte[] ToArray() => [.. _data];

    /// <summary>Writes the keytab into <paramref name="directory"/> under a new name and returns its path.</summary>
    public string WriteTo(string directory)
    {
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}.keytab");
        File.WriteAllBytes(path, ToArray());
        return path;
    }

    private static void WriteText(List<byte> data, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Write16(data, (ushort)bytes.Length);
        data.AddRange(bytes);
    }

    private static void Write16(List<byte> data, ushort value)
    {
        var buffer = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(buffer, value);
        data.AddRange(buffer);
    }

    private static void Write32(List<byte> data, uint value)
    {
        var buffer = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(buffer, value);
        data.AddRange(buffer);
    }
}
