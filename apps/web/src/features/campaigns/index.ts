/** What other features may use of campaigns (the boundary test allows no deeper import). */
export { type Campaign, campaignsApi } from './api';
/** Picks a campaign (searching as you type); opportunities' form and list filter use it. */
export { default as CampaignSelect } from './components/CampaignSelect.vue';
