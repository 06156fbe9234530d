import { Controller, Get, Header } from '@nestjs/common';

/**
 * The style hints a launched app may use to blend in (`smart_style_url` in the token response).
 * See https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#styling
 */
export const SMART_STYLE = {
  color_background: '#edeae3',
  color_error: '#a4000f',
  color_highlight: '#69b5ce',
  color_modal_backdrop: '',
  color_success: '#498e49',
  color_text: '#303030',
  dim_border_radius: '6px',
  dim_font_size: '13px',
  dim_spacing_size: '20px',
  font_family_body: "Georgia, Times, 'Times New Roman', serif",
  font_family_heading: "'HelveticaNeue-Light', Helvetica, Arial, 'Lucida Grande', sans-serif",
} as const;

@Controller('oauth')
export class SmartStyleController {
  @Get('smart-style.json')
  @Header('cache-control', 'public, max-age=3600')
  style(): typeof SMART_STYLE {
    return SMART_STYLE;
  }
}
