using Outreach.Worker.Jobs;

namespace Outreach.Worker.Readers.HashKeys;

/// <summary>This host's hash keys do not fit the registry's hashes; the message says what to configure.</summary>
public sealed class HashKeyRefusedException(string message) : PermanentJobFailureException(message);
