using System.Security.Cryptography;
using AtotiAuth.Token.Signing;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Token.Tests.Signing;

public sealed class KeyRingTests
{
    private static readonly TimeSpan Lead = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Retention = TimeSpan.FromMinutes(20);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly KeyRing _ring = new(Lead, Retention);
    private readonly LoadedKey _a = Rsa("a");
    private readonly LoadedKey _b = Rsa("b");

    [Fact]
    public void Apply_KeysPresentAtStart_ActiveKeySignsAtOnce()
    {
        var state = Apply([_a, _b], "b");

        Assert.Equal("b", state.Signer.KeyId);
        Assert.Equal(["a", "b"], state.Published.Select(k => k.KeyId));
    }

    [Fact]
    public void Apply_NewActiveKeyBeforeLead_IsPublishedButOldKeySigns()
    {
        Apply([_a], "a");
        _time.Advance(TimeSpan.FromMinutes(1));

        var state = Apply([_a, _b], "b");

        Assert.Equal("a", state.Signer.KeyId);
        Assert.Contains(state.Published, k => k.KeyId == "b");
        Assert.Contains(state.Events, e => e.Kind == KeyRingEventKind.Waiting && e.KeyId == "b");
    }

    [Fact]
    public void Apply_NewActiveKeyAfterLead_Signs()
    {
        Apply([_a], "a");
        Apply([_a, _b], "b");
        _time.Advance(Lead);

        var state = Apply([_a, _b], "b");

        Assert.Equal("b", state.Signer.KeyId);
        Assert.Contains(state.Events, e => e.Kind == KeyRingEventKind.Retired && e.KeyId == "a");
    }

    [Fact]
    public void Apply_RetiredKeyFileRemoved_StaysPublishedForRetention()
    {
        Apply([_a], "a");
        Apply([_a, _b], "b");
        _time.Advance(Lead);
        Apply([_a, _b], "b");

        _time.Advance(Retention - TimeSpan.FromSeconds(1));
        var during = Apply([_b], "b");
        _time.Advance(TimeSpan.FromSeconds(1));
        var after = Apply([_b], "b");

        Assert.Equal(["a", "b"], during.Published.Select(k => k.KeyId));
        Assert.Equal(["b"], after.Published.Select(k => k.KeyId));
    }

    [Fact]
    public void Apply_NeverUsedKeyFileRemoved_IsDroppedAtOnce()
    {
        Apply([_a, _b], "a");

        var state = Apply([_a], "a");

        Assert.Equal(["a"], state.Published.Select(k => k.KeyId));
    }

    [Fact]
    public void Apply_SignerFileRemovedBeforeLead_SwitchesAtOnceAndKeepsOldPublished()
    {
        Apply([_a], "a");

        var state = Apply([_b], "b");

        Assert.Equal("b", state.Signer.KeyId);
        Assert.Equal(["a", "b"], state.Published.Select(k => k.KeyId));
    }

    [Fact]
    public void Apply_ActiveKeyMissingLater_KeepsCurrentSigner()
    {
        Apply([_a], "a");

        var state = Apply([_a], "c");

        Assert.Equal("a", state.Signer.KeyId);
        Assert.Contains(state.Events, e => e.Kind == KeyRingEventKind.ActiveMissing && e.KeyId == "c");
    }

    [Fact]
    public void Apply_ActiveKeyMissingAtStart_ThrowsNamingTheSource()
    {
        var error = Assert.Throws<SigningKeyException>(() => _ring.Apply([_a], "c", "AtotiAuth:Token:Signing:ActiveKeyId", _time.GetUtcNow()));

        Assert.Contains("AtotiAuth:Token:Signing:ActiveKeyId", error.Message, StringComparison.Ordinal);
        Assert.Contains("'c'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_KeyMaterialChangedUnderSameKid_KeepsFirstKey()
    {
        Apply([_a], "a");
        var replaced = Rsa("a");

        var state = Apply([replaced], "a");

        Assert.Same(_a, state.Signer);
        Assert.Contains(state.Events, e => e.Kind == KeyRingEventKind.Changed);
    }

    [Fact]
    public void Apply_SymmetricKey_IsNeverPublished()
    {
        var secret = new LoadedKey("h", "h.jwk", new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "h" }, "x");

        var state = Apply([secret], "h");

        Assert.Equal("h", state.Signer.KeyId);
        Assert.Empty(state.Published);
    }

    private KeyRingState Apply(IReadOnlyList<LoadedKey> keys, string active) => _ring.Apply(keys, active, "test", _time.GetUtcNow());

    private static LoadedKey Rsa(string kid) =>
        new(kid, kid + ".pem", new RsaSecurityKey(RSA.Create(2048)) { KeyId = kid }, Guid.NewGuid().ToString("N"));
}
