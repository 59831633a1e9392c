using System.Net;
using AtotiAuth.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AtotiAuth.Integration.Tests.Token;

public sealed class RotationTests(RedisFixture redis) : TokenServiceTestBase(redis)
{
    [Fact]
    public async Task Rotation_NewActiveKey_NoValidationFailsAcrossTheSwitch()
    {
        Keys.AddRsaPem("k1");
        Keys.SetActive("k1");
        var service = StartTokenService(new Dictionary<string, string?>
        {
            ["AtotiAuth:Token:Signing:PublishLead"] = "00:00:01",
            ["AtotiAuth:Token:Signing:PollInterval"] = "00:00:00.100",
        });
        var (_, cookie) = await service.LogInAsync("alice", "ROLE_USER");
        using var client = service.CreateRealClient();
        var cube = Own(await VerifierApp.StartAtotiAuthAsync(service, Redis.ConnectionString));
        var outcomes = new List<(string Kid, HttpStatusCode Status)>();

        for (var i = 0; i < 400 && outcomes.Count(o => o.Kid == "k2") < 20; i++)
        {
            if (i == 10)
            {
                Keys.AddRsaPem("k2");
                Keys.SetActive("k2");
            }

            using var issued = await client.GetJwtAsync(cookie);
            var token = await issued.ReadTokenAsync();
            using var validated = await cube.CallAsync($"Bearer {token}");
            outcomes.Add((new JsonWebToken(token).Kid, validated.StatusCode));
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        Assert.All(outcomes, o => Assert.Equal(HttpStatusCode.OK, o.Status));
        Assert.Contains(outcomes, o => o.Kid == "k1");
        Assert.Contains(outcomes, o => o.Kid == "k2");
    }
}
