using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Token.Signing;

/// <summary>
/// The token service's keys: loaded strictly at start (any bad file stops the service), then
/// re-read by <see cref="KeyDirectoryMonitor"/>; a bad file met later is logged and the last good
/// keys stay in use, because a half-written Secret must not take the service down.
/// </summary>
internal sealed partial class SigningKeySet
{
    /// <summary>Added to the token lifetime for how long a retired key stays published: covers verifiers' clock skew (at most 5 minutes).</summary>
    public static readonly TimeSpan RetentionMargin = TimeSpan.FromMinutes(5);

    private readonly SigningOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SigningKeySet> _logger;
    private readonly KeyRing _ring;
    private readonly Lock _gate = new();
    private LoadedKey? _ephemeral;
    private SigningKeySnapshot? _current;

    public SigningKeySet(IOptions<SigningOptions> options, IOptions<TokenOptions> token, TimeProvider time, ILogger<SigningKeySet> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _ring = new KeyRing(_options.PublishLead, token.Value.Lifetime + RetentionMargin);
    }

    public string Algorithm => _options.Algorithm;

    /// <summary>The keys now; loads them on first use if the monitor has not yet.</summary>
    public SigningKeySnapshot Current => Volatile.Read(ref _current) ?? Reload(strict: true)!;

    /// <summary>Re-reads the keys. Strict: throws <see cref="SigningKeyException"/>; otherwise logs and keeps the last good keys.</summary>
    public SigningKeySnapshot? Reload(bool strict)
    {
        lock (_gate)
        {
            try
            {
                var (keys, activeKeyId, activeSource) = ReadKeys();
                var state = _ring.Apply(keys, activeKeyId, activeSource, _time.GetUtcNow());
                foreach (var change in state.Events)
                {
                    Log(change);
                }

                var snapshot = Build(state);
                Volatile.Write(ref _current, snapshot);
                return snapshot;
            }
            catch (SigningKeyException ex) when (!strict && _current is not null)
            {
                LogReloadFailed(_logger, ex.Message);
                return _current;
            }
            catch (Exception ex) when (!strict && _current is not null && ex is IOException or UnauthorizedAccessException)
            {
                LogReloadFailed(_logger, ex.Message);
                return _current;
            }
        }
    }

    private (IReadOnlyList<LoadedKey> Keys, string ActiveKeyId, string ActiveSource) ReadKeys()
    {
        if (string.IsNullOrWhiteSpace(_options.KeyDirectory))
        {
            _ephemeral ??= GenerateEphemeral();
            return ([_ephemeral], _ephemeral.KeyId, "the ephemeral key");
        }

        var content = KeyDirectoryReader.Read(_options.KeyDirectory);
        foreach (var key in content.Keys)
        {
            if (SigningAlgorithms.Mismatch(_options.Algorithm, key.Key) is { } why)
            {
                throw new SigningKeyException($"Key file '{key.FileName}' in {SigningOptions.SectionName}:KeyDirectory {why} " +
                    $"({SigningOptions.SectionName}:Algorithm is {_options.Algorithm}).");
            }
        }

        if (content.ActiveKeyId is { } fromFile)
        {
            return (content.Keys, fromFile, $"The '{KeyDirectoryReader.ActiveFileName}' file of {SigningOptions.SectionName}:KeyDirectory");
        }

        if (!string.IsNullOrWhiteSpace(_options.ActiveKeyId))
        {
            return (content.Keys, _options.ActiveKeyId, $"{SigningOptions.SectionName}:ActiveKeyId");
        }

        return content.Keys.Count switch
        {
            1 => (content.Keys, content.Keys[0].KeyId, "the only key file"),
            0 => throw new SigningKeyException($"{SigningOptions.SectionName}:KeyDirectory '{_options.KeyDirectory}' holds no key file " +
                "(*.pem, *.key, *.jwk, *.json, NAME.private.b64); see docs/keys.md."),
            _ => throw new SigningKeyException($"{SigningOptions.SectionName}:KeyDirectory holds {content.Keys.Count} keys; say which one signs " +
                $"with an '{KeyDirectoryReader.ActiveFileName}' file holding its kid or with {SigningOptions.SectionName}:ActiveKeyId."),
        };
    }

    private SigningKeySnapshot Build(KeyRingState state)
    {
        var jwks = JwksWriter.Write(state.Published, _options.Algorithm);
        var etag = $"\"{Convert.ToHexString(SHA256.HashData(jwks), 0, 16)}\"";
        IReadOnlyList<SecurityKey> validation = state.Signer.IsSymmetric
            ? [state.Signer.Key]
            : [.. state.Published.Select(k => k.Key)];
        return new SigningKeySnapshot(state.Signer, new SigningCredentials(state.Signer.Key, _options.Algorithm), validation, jwks, etag);
    }

    private LoadedKey GenerateEphemeral()
    {
        // As Atoti does without configured keys: RSA 3072 (NIST SP 800-57's 128-bit level), in memory only.
        var rsa = RSA.Create(3072);
        var thumbprint = Convert.ToHexString(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()));
        var kid = $"ephemeral-{thumbprint[..12].ToLowerInvariant()}";
        LogEphemeral(_logger, kid);
        return new LoadedKey(kid, "(generated)", new RsaSecurityKey(rsa) { KeyId = kid }, thumbprint);
    }

    private void Log(KeyRingEvent change)
    {
        switch (change.Kind)
        {
            case KeyRingEventKind.Published: LogPublished(_logger, change.KeyId); break;
            case KeyRingEventKind.Activated: LogActivated(_logger, change.KeyId, _options.Algorithm); break;
            case KeyRingEventKind.Retired: LogRetired(_logger, change.KeyId, change.At); break;
            case KeyRingEventKind.Dropped: LogDropped(_logger, change.KeyId); break;
            case KeyRingEventKind.Waiting: LogWaiting(_logger, change.KeyId, change.At); break;
            case KeyRingEventKind.ActiveMissing: LogActiveMissing(_logger, change.KeyId); break;
            case KeyRingEventKind.Changed: LogChanged(_logger, change.KeyId); break;
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Signing key {KeyId} published")]
    private static partial void LogPublished(ILogger logger, string keyId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Signing key {KeyId} now signs ({Algorithm})")]
    private static partial void LogActivated(ILogger logger, string keyId, string algorithm);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Signing key {KeyId} retired; published until {Until}")]
    private static partial void LogRetired(ILogger logger, string keyId, DateTimeOffset? until);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Signing key {KeyId} no longer published")]
    private static partial void LogDropped(ILogger logger, string keyId);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Signing key {KeyId} is active-to-be; it signs from {ReadyAt}, once verifiers have seen it")]
    private static partial void LogWaiting(ILogger logger, string keyId, DateTimeOffset? readyAt);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Error, Message = "The active key {KeyId} is not in the key directory; the current key keeps signing")]
    private static partial void LogActiveMissing(ILogger logger, string keyId);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Error, Message = "The file of key {KeyId} now holds another key; the first one is kept. Put a new key in a new file")]
    private static partial void LogChanged(ILogger logger, string keyId);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Error, Message = "Key directory reload failed, the last good keys stay in use: {Reason}")]
    private static partial void LogReloadFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "No key directory: signing with the ephemeral key {KeyId}; its tokens die with this process (local use only)")]
    private static partial void LogEphemeral(ILogger logger, string keyId);
}
