namespace Outreach.Demo;

/// <summary>A reason the demo cannot start or go on, worded for the person at the terminal.</summary>
internal sealed class DemoException : Exception
{
    public DemoException(string message)
        : base(message)
    {
    }

    public DemoException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
