using System.Text.Json;

namespace DataSelection.Gateway.Api;

// Request bodies. Unknown fields are refused by the JSON options; values are checked by LabInput.

public sealed record CreateSessionRequest(string? Title);

public sealed record JoinRequest(string? Name, string? Track);

public sealed record LockRequest(JsonElement Prediction);

public sealed record RunRequest(JsonElement? Parameters);

public sealed record KneeRequest(JsonElement Value);

public sealed record ReflectionRequest(string? Text);
