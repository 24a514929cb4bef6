using Microsoft.Playwright;

namespace Outreach.EndToEnd.Tests.Browser;

/// <summary>
/// Reads what chromium painted: a screenshot decoded by the browser itself (an image drawn on a canvas in a blank page
/// of the same context, outside the dashboard's content security policy), so a test can check that pixels of a colour
/// are on screen and not only in the markup.
/// </summary>
public static class RenderedPixels
{
    /// <summary>The pixels of <paramref name="png"/> within a small distance of <paramref name="colour"/> (anti-aliased edges included).</summary>
    public static async Task<int> CountAsync(IPage page, byte[] png, (int R, int G, int B) colour)
    {
        var blank = await page.Context.NewPageAsync();
        try
        {
            return await blank.EvaluateAsync<int>("""
                async ([png, r, g, b]) => {
                  const image = new Image();
                  image.src = 'data:image/png;base64,' + png;
                  await image.decode();
                  const canvas = document.createElement('canvas');
                  canvas.width = image.naturalWidth;
                  canvas.height = image.naturalHeight;
                  const context = canvas.getContext('2d');
                  context.drawImage(image, 0, 0);
                  const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
                  let count = 0;
                  for (let i = 0; i < data.length; i += 4) {
                    if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 48) count++;
                  }
                  return count;
                }
                """, new object[] { Convert.ToBase64String(png), colour.R, colour.G, colour.B });
        }
        finally
        {
            await blank.CloseAsync();
        }
    }
}
