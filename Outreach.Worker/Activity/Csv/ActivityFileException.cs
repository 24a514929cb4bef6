namespace Outreach.Worker.Activity.Csv;

/// <summary>A dropped file that cannot be read as activity records (its name, header or quoting); it is set aside in rejected/.</summary>
public sealed class ActivityFileException(string message, Exception? innerException = null) : Exception(message, innerException);
