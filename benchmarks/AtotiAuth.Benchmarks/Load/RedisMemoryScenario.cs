using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AtotiAuth.Shared.Sessions;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// Redis memory per idle session at 10k, 100k and 1M sessions. 10,000 are made through the store's own
/// <see cref="ISessionStore.CreateAsync"/>; the larger counts are written in bulk by replaying what the
/// store wrote for one session (every key, field, value and TTL, with a new session id and user name),
/// pipelined, and a bulk-made session is checked to take exactly the memory of a store-made one
/// (<c>MEMORY USAGE</c> of each key) before any figure is reported. All of it in Redis database 1,
/// emptied before and after, so the services' own keys (database 0) do not count.
/// </summary>
internal static class RedisMemoryScenario
{
    public const string Section = "memory";
    private const int Database = 1;
    private const int StoreSessions = 10_000;
    private const int Batch = 5_000;

    public static async Task RunAsync(LoadRun run)
    {
        var inv = CultureInfo.InvariantCulture;
        var prefix = $"bench-mem-{Guid.NewGuid():N}:";
        var options = ConfigurationOptions.Parse(run.Redis.ConnectionString);
        options.DefaultDatabase = Database;
        options.AllowAdmin = true;
        options.SyncTimeout = options.AsyncTimeout = 30_000;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var db = redis.GetDatabase();
        await db.ExecuteAsync("FLUSHDB");
        try
        {
            Console.WriteLine($"memory: {StoreSessions} sessions through ISessionStore.CreateAsync");
            var empty = await UsedMemoryAsync(db);
            var clock = Stopwatch.StartNew();
            var sample = await CreateThroughStoreAsync(run, prefix);
            var storeSeconds = clock.Elapsed.TotalSeconds;
            var afterStore = await UsedMemoryAsync(db);
            var perStoreSession = (afterStore - empty) / (double)StoreSessions;
            var template = await SessionTemplate.ReadAsync(db, redis.GetServer(redis.GetEndPoints()[0]), prefix, sample.Id, sample.UserName);

            var rows = new List<string>
            {
                string.Create(inv, $"| {StoreSessions:N0} | `ISessionStore.CreateAsync`, 64 concurrent | {storeSeconds:F1} | {(afterStore - empty) / 1048576.0:F1} | **{perStoreSession:F0}** |"),
            };
            run.Target($"Redis memory per idle session ({StoreSessions:N0}, made by the store)", "< 1 KB", string.Create(inv, $"{perStoreSession:F0} B"), perStoreSession < 1024);

            var checkpoints = run.Quick ? new[] { 10_000, 100_000 } : [10_000, 100_000, 1_000_000];
            var written = 0;
            var bulkClock = Stopwatch.StartNew();
            foreach (var target in checkpoints)
            {
                Console.WriteLine($"memory: bulk sessions up to {target:N0}");
                var tranche = Stopwatch.StartNew();
                await template.ReplayAsync(db, written, target - written, Batch);
                written = target;
                var seconds = tranche.Elapsed.TotalSeconds;
                if (written == checkpoints[0])
                {
                    var check = await template.CompareAsync(db, 0);
                    if (check is not null)
                    {
                        run.Failures.Add("redis-memory: a bulk-made session differs from the store's: " + check);
                        return;
                    }
                }

                var used = await UsedMemoryAsync(db);
                var perSession = (used - afterStore) / (double)written;
                rows.Add(string.Create(inv, $"| {written:N0} | bulk replay of the store's keys, pipelined | {seconds:F1} (this tranche) | {(used - afterStore) / 1048576.0:F1} | **{perSession:F0}** |"));
                run.Target($"Redis memory per idle session ({written:N0}, bulk replay)", "< 1 KB", string.Create(inv, $"{perSession:F0} B"), perSession < 1024);
            }

            var keys = await db.ExecuteAsync("DBSIZE");
            var expectedKeys = (long)(StoreSessions + written) * template.KeysPerSession;
            if ((long)keys != expectedKeys)
            {
                run.Failures.Add(string.Create(inv, $"redis-memory: {(long)keys} keys in database {Database}, expected {expectedKeys}"));
            }

            var text = new StringBuilder();
            text.AppendLine(inv, $"Redis memory per idle session ({run.Redis.Networking}; database {Database}, emptied before and after). A session is what the store writes for it: {template.Describe()}. Each session belongs to another user (the worst case: one user index per session).");
            text.AppendLine();
            text.AppendLine("| sessions | written by | seconds | `used_memory` growth MiB | bytes per session |");
            text.AppendLine("|---:|---|---:|---:|---:|");
            foreach (var row in rows)
            {
                text.AppendLine(row);
            }

            text.AppendLine();
            text.AppendLine(inv, $"Bulk check: a replayed session's keys take exactly the memory of the store-made one's (`MEMORY USAGE`: {template.UsageText}), and the key count is {(long)keys:N0} as expected. {written:N0} sessions written in {bulkClock.Elapsed.TotalSeconds:F0} s.");
            run.AddSection(Section, text.ToString());
        }
        finally
        {
            await db.ExecuteAsync("FLUSHDB", "ASYNC");
        }
    }

    /// <summary><see cref="StoreSessions"/> sessions through the store; returns the first.</summary>
    private static async Task<Session> CreateThroughStoreAsync(LoadRun run, string prefix)
    {
        using var host = StoreHost.Build(run.Redis.ConnectionString + $",defaultDatabase={Database}", prefix);
        var store = host.Services.GetRequiredService<ISessionStore>();
        var first = await store.CreateAsync(new NewSession(UserName('s', 0), "basic", ["ROLE_USER"]));
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 64).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < StoreSessions; i = Interlocked.Increment(ref next))
            {
                await store.CreateAsync(new NewSession(UserName('s', i), "basic", ["ROLE_USER"]));
            }
        }));
        return first.Session;
    }

    /// <summary>User names of equal length for store-made ('s') and bulk-made ('b') sessions.</summary>
    public static string UserName(char kind, int i) => string.Create(CultureInfo.InvariantCulture, $"u{kind}{i:D9}");

    private static async Task<long> UsedMemoryAsync(IDatabase db)
    {
        var info = (string)(await db.ExecuteAsync("INFO", "memory"))!;
        var line = info.Split('\n').First(static l => l.StartsWith("used_memory:", StringComparison.Ordinal));
        return long.Parse(line["used_memory:".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The keys the store wrote for one session, with the session id and user name as placeholders, and
    /// how to write N more of them exactly alike.
    /// </summary>
    private sealed class SessionTemplate
    {
        private readonly List<(string Key, RedisType Type, HashEntry[] Fields, RedisValue[] Members, TimeSpan? Ttl)> _keys;
        private readonly string _id;
        private readonly string _user;
        private readonly List<long> _usage = [];

        private SessionTemplate(List<(string, RedisType, HashEntry[], RedisValue[], TimeSpan?)> keys, string id, string user)
        {
            _keys = keys;
            _id = id;
            _user = user;
        }

        public int KeysPerSession => _keys.Count;

        public string UsageText => string.Join(", ", _keys.Select((k, i) => string.Create(CultureInfo.InvariantCulture, $"{k.Type.ToString().ToLowerInvariant()} {_usage.ElementAtOrDefault(i)} B")));

        public static async Task<SessionTemplate> ReadAsync(IDatabase db, IServer server, string prefix, string id, string user)
        {
            var keys = new List<(string, RedisType, HashEntry[], RedisValue[], TimeSpan?)>();
            await foreach (var key in server.KeysAsync(Database, prefix + "*", pageSize: 1000))
            {
                var name = (string)key!;
                if (!name.Contains(id, StringComparison.Ordinal) && !name.EndsWith(":" + user, StringComparison.Ordinal))
                {
                    continue;
                }

                var type = await db.KeyTypeAsync(key);
                var fields = type == RedisType.Hash ? await db.HashGetAllAsync(key) : [];
                var members = type == RedisType.Set ? await db.SetMembersAsync(key) : [];
                if (type is not (RedisType.Hash or RedisType.Set))
                {
                    throw new InvalidOperationException($"the store wrote a {type} for a session ({name}); the bulk replay knows hashes and sets only");
                }

                keys.Add((name, type, fields, members, await db.KeyTimeToLiveAsync(key)));
            }

            return keys.Count == 0
                ? throw new InvalidOperationException("no key of the store-made session was found")
                : new SessionTemplate(keys, id, user);
        }

        public string Describe() => string.Join("; ", _keys.Select(k => k.Type == RedisType.Hash
            ? $"a hash `{Placeholders(k.Key)}` of {k.Fields.Length} fields ({string.Join(", ", k.Fields.Select(static f => (string)f.Name!))}) with a TTL"
            : $"a set `{Placeholders(k.Key)}` of {k.Members.Length} member(s) with a TTL"));

        /// <summary>Writes sessions <paramref name="from"/>.. of <paramref name="count"/>, fire-and-forget, a PING per batch to wait for Redis.</summary>
        public async Task ReplayAsync(IDatabase db, int from, int count, int batch)
        {
            for (var start = from; start < from + count; start += batch)
            {
                var end = Math.Min(from + count, start + batch);
                for (var i = start; i < end; i++)
                {
                    var id = Base64Url(RandomNumberGenerator.GetBytes(16));
                    var user = UserName('b', i);
                    foreach (var (key, type, fields, members, ttl) in _keys)
                    {
                        var name = (RedisKey)Substitute(key, id, user);
                        if (type == RedisType.Hash)
                        {
                            db.HashSet(name, [.. fields.Select(f => new HashEntry(f.Name, Substitute(f.Value, id, user)))], CommandFlags.FireAndForget);
                        }
                        else
                        {
                            db.SetAdd(name, [.. members.Select(m => Substitute(m, id, user))], CommandFlags.FireAndForget);
                        }

                        if (ttl is { } t)
                        {
                            db.KeyExpire(name, t, CommandFlags.FireAndForget);
                        }
                    }
                }

                await db.PingAsync();
            }
        }

        /// <summary>Null when bulk session <paramref name="index"/> takes exactly the memory of the store's; else what differs.</summary>
        public async Task<string?> CompareAsync(IDatabase db, int index)
        {
            var user = UserName('b', index);
            string? id = null;
            foreach (var (key, type, _, _, _) in _keys.Where(static k => k.Type == RedisType.Set))
            {
                id = (string?)(await db.SetMembersAsync(Substitute(key, _id, user))).FirstOrDefault();
            }

            if (id is null)
            {
                return "the bulk-made session's user index was not found";
            }

            _usage.Clear();
            foreach (var (key, _, fields, _, _) in _keys)
            {
                var store = (long)await db.ExecuteAsync("MEMORY", "USAGE", key, "SAMPLES", "0");
                var bulk = (long)await db.ExecuteAsync("MEMORY", "USAGE", Substitute(key, id, user), "SAMPLES", "0");
                if (store != bulk)
                {
                    var bulkShape = await ShapeAsync(db, Substitute(key, id, user));
                    var storeShape = await ShapeAsync(db, key);
                    return string.Create(CultureInfo.InvariantCulture, $"{Placeholders(key)}: {bulk} B against the store's {store} B ({bulkShape} against {storeShape})");
                }

                _usage.Add(store);
            }

            return null;
        }

        /// <summary>Encoding and field sizes of a key, to tell why two keys differ.</summary>
        private static async Task<string> ShapeAsync(IDatabase db, string key)
        {
            var encoding = (string?)await db.ExecuteAsync("OBJECT", "ENCODING", key);
            var fields = await db.HashGetAllAsync(key);
            return $"{encoding}: " + string.Join(", ", fields.Select(static f => $"{f.Name}={((byte[])f.Value!).Length}"));
        }

        private string Substitute(string text, string id, string user) =>
            text.Replace(_id, id, StringComparison.Ordinal).Replace(_user, user, StringComparison.Ordinal);

        // Typed branches: RedisValue and string convert implicitly both ways, and a string round trip
        // would garble binary values (the secret's hash).
        private RedisValue Substitute(RedisValue value, string id, string user)
        {
            if (value == _id)
            {
                return (RedisValue)id;
            }

            return value == _user ? (RedisValue)user : value;
        }

        private string Placeholders(string key) =>
            "{prefix}" + key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..].Replace(_id, "{id}", StringComparison.Ordinal).Replace(_user, "{user}", StringComparison.Ordinal);

        private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
