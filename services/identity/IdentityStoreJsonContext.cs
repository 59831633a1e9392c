using System.Text.Json.Serialization;
using AtotiAuth.Identity.Users;

namespace AtotiAuth.Identity;

/// <summary>Source-generated JSON for what the identity service's Redis stores keep as values: basic users and role lists.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(BasicUser))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class IdentityStoreJsonContext : JsonSerializerContext;
